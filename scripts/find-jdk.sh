# Sourced by ./kiln and ./test.sh: sets JAVA_HOME to a JDK 25 or newer, or exits with advice.
# Looks at JAVA_HOME, `java` on PATH, then the folders where systems keep JDKs.
kiln_java_version() { # the feature version of a java binary, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1
}

kiln_find_jdk() {
  local candidates=() home v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for home in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$home" ] && candidates+=("$home")
  done
  for home in "${candidates[@]}"; do
    if [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ]; then
      v="$(kiln_java_version "$home/bin/java")"
      if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$home"; return 0; fi
    fi
  done
  return 1
}

if ! KILN_JDK="$(kiln_find_jdk)"; then
  echo "kiln: needs a JDK 25 or newer, and none was found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm)." >&2
  echo "      Install one (e.g. Temurin 25 from https://adoptium.net or your package manager), then set JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME="$KILN_JDK"
