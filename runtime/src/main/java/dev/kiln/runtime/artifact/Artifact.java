package dev.kiln.runtime.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.runtime.Kernel;
import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.WeightStore;
import dev.kiln.runtime.io.SafeTensors;
import dev.kiln.runtime.plan.ParamSpec;
import dev.kiln.runtime.plan.HostProgram;
import dev.kiln.runtime.plan.Plan;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Writes and loads {@code .kar} artifacts (see the package comment for the layout).
 *
 * <p>Writing encodes the plan, collects the params by key into {@code weights.safetensors},
 * hashes every entry into the manifest, writes the zip (entries in a fixed order with a fixed
 * timestamp, so equal inputs give equal files) to a temporary file beside the target and moves it
 * into place atomically. Loading checks, in order: the file is a zip with a {@code manifest.json}
 * of format {@value #FORMAT} and a supported version; every entry the manifest lists is present
 * and hashes to its recorded SHA-256, and no other entry exists; then it decodes the plan, binds
 * the weights by the plan's params and defines and instantiates the kernel classes. Any failure is
 * a {@link KilnRuntimeException} naming the artifact.
 */
public final class Artifact {
  /** The manifest's {@code format} value. */
  public static final String FORMAT = "kiln-artifact";
  /** The artifact format version this runtime writes and reads. */
  public static final int FORMAT_VERSION = 2;
  /** The Kiln version recorded in manifests written by this runtime. */
  public static final String KILN_VERSION = "0.1.0-SNAPSHOT";

  static final String MANIFEST = "manifest.json";
  static final String PLAN = "plan.bin";
  static final String WEIGHTS = "weights.safetensors";
  static final String CLASSES = "classes/";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDateTime EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

  private Artifact() {}

  /** A loaded artifact: the plan, one kernel instance per kernel class, the bound params. */
  /** What an artifact holds, instantiated; {@code host} is null when it has no host module. */
  public record Loaded(Plan plan, Kernel[] kernels, Tensor[] params, HostProgram host) {}

  /**
   * Writes an artifact to {@code out}. {@code classBytesByName} maps binary class names to class
   * files and must hold every {@code plan.kernelClassNames()} entry (and may hold helpers);
   * {@code params} are the bound params in {@code plan.params()} order.
   */
  public static void write(Path out, Plan plan, Map<String, byte[]> classBytesByName,
      Tensor[] params) {
    if (params.length != plan.params().size()) {
      throw new IllegalArgumentException("plan has " + plan.params().size() + " params, got "
          + params.length + " tensors");
    }
    for (String name : plan.kernelClassNames()) {
      if (!classBytesByName.containsKey(name)) {
        throw new IllegalArgumentException("no class bytes for kernel class " + name);
      }
    }
    LinkedHashMap<String, Tensor> weights = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i++) {
      ParamSpec p = plan.params().get(i);
      Tensor prior = weights.putIfAbsent(p.key(), params[i]);
      if (prior != null && !prior.equals(params[i])) {
        throw new IllegalArgumentException("two different tensors for weight key " + p.key());
      }
    }
    LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(PLAN, PlanCodec.encode(plan));
    entries.put(WEIGHTS, SafeTensors.toBytes(weights, Map.of()));
    classBytesByName.keySet().stream().sorted()
        .forEach(name -> entries.put(CLASSES + name + ".class", classBytesByName.get(name)));

    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("format", FORMAT);
    manifest.put("formatVersion", FORMAT_VERSION);
    manifest.put("modelName", plan.modelName());
    manifest.put("kilnVersion", KILN_VERSION);
    ObjectNode hashes = manifest.putObject("sha256");
    entries.forEach((name, bytes) -> hashes.put(name, sha256(bytes)));

    Path dir = out.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, out.getFileName().toString(), ".tmp");
      try (OutputStream os = Files.newOutputStream(tmp);
          ZipOutputStream zip = new ZipOutputStream(os)) {
        put(zip, MANIFEST, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
          put(zip, e.getKey(), e.getValue());
        }
      }
      try {
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new KilnRuntimeException("cannot write artifact " + out + ": " + e.getMessage(),
          null, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary file is left behind
        }
      }
    }
  }

  /** Loads and verifies an artifact, binds its weights and instantiates its kernels. */
  public static Loaded load(Path kar) {
    String name = kar.toString();
    Map<String, byte[]> entries = readVerified(kar);
    Plan plan;
    try {
      plan = PlanCodec.decode(entries.get(PLAN));
    } catch (IOException e) {
      throw corrupt(name, "plan.bin cannot be decoded: " + e.getMessage());
    }
    Tensor[] params = WeightStore.of(name + "!/" + WEIGHTS,
        SafeTensors.read(entries.get(WEIGHTS), name + "!/" + WEIGHTS)).bind(plan.params());
    Map<String, byte[]> classes = new LinkedHashMap<>();
    entries.forEach((entry, bytes) -> {
      if (entry.startsWith(CLASSES) && entry.endsWith(".class")) {
        classes.put(entry.substring(CLASSES.length(), entry.length() - ".class".length()), bytes);
      }
    });
    requireVectorModuleIfUsed(name, classes);
    Kernel[] kernels = KernelClassLoader.instantiate(name, plan.kernelClassNames(), classes);
    HostProgram host = classes.containsKey(HostProgram.className(plan.modelName()))
        ? KernelClassLoader.instantiateHost(name, HostProgram.className(plan.modelName()), classes) : null;
    return new Loaded(plan, kernels, params, host);
  }

  private static final byte[] VECTOR_PACKAGE = "jdk/incubator/vector/".getBytes(StandardCharsets.US_ASCII);

  /**
   * Kernels compiled where the Vector API was enabled name its classes in their constant pools; they
   * can only be loaded where it is enabled too. Says so instead of failing on a missing class.
   */
  static void requireVectorModuleIfUsed(String name, Map<String, byte[]> classes) {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) return;
    for (byte[] bytes : classes.values()) {
      if (contains(bytes, VECTOR_PACKAGE)) {
        throw new KilnRuntimeException("artifact " + name + " was compiled with SIMD kernels that use the Vector API;"
            + " run the JVM with --add-modules jdk.incubator.vector (./kiln does), or compile the artifact for scalar kernels"
            + " with -Dkiln.simd=false (KILN_JAVA_OPTS=-Dkiln.simd=false ./kiln compile ...)");
      }
    }
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return true;
    }
    return false;
  }

  /** The verified entries of an artifact (all but the manifest), by entry name. */
  static Map<String, byte[]> readVerified(Path kar) {
    String name = kar.toString();
    if (!Files.isRegularFile(kar)) {
      throw new KilnRuntimeException("artifact " + name + " does not exist");
    }
    if (!startsWithZipMagic(kar)) {
      throw new KilnRuntimeException(name + " is not a Kiln artifact (not a zip file)");
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    byte[] manifestBytes = null;
    try (ZipFile zip = new ZipFile(kar.toFile())) {
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry e = all.nextElement();
        if (e.isDirectory()) {
          continue;
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
          bytes = in.readAllBytes();
        }
        if (e.getName().equals(MANIFEST)) {
          manifestBytes = bytes;
        } else {
          entries.put(e.getName(), bytes);
        }
      }
    } catch (IOException e) {
      throw corrupt(name, "the zip cannot be read (" + e.getMessage() + "); it is truncated "
          + "or damaged");
    }
    if (manifestBytes == null) {
      throw new KilnRuntimeException(name + " is not a Kiln artifact (no " + MANIFEST + ")");
    }
    JsonNode manifest;
    try {
      manifest = JSON.readTree(manifestBytes);
    } catch (IOException e) {
      throw corrupt(name, MANIFEST + " is not valid JSON");
    }
    if (manifest == null || !FORMAT.equals(manifest.path("format").asText(null))) {
      throw new KilnRuntimeException(name + " is not a Kiln artifact (manifest format is not '"
          + FORMAT + "')");
    }
    int version = manifest.path("formatVersion").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw new KilnRuntimeException("artifact " + name + " has format version " + version
          + "; this runtime (Kiln " + KILN_VERSION + ") reads version " + FORMAT_VERSION
          + " (written by Kiln " + manifest.path("kilnVersion").asText("?") + ")");
    }
    JsonNode hashes = manifest.path("sha256");
    if (!hashes.isObject()) {
      throw corrupt(name, MANIFEST + " lists no hashes");
    }
    for (String required : List.of(PLAN, WEIGHTS)) {
      if (!hashes.has(required)) {
        throw corrupt(name, MANIFEST + " does not list " + required);
      }
    }
    Iterator<Map.Entry<String, JsonNode>> it = hashes.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> h = it.next();
      byte[] bytes = entries.get(h.getKey());
      if (bytes == null) {
        throw corrupt(name, "missing entry " + h.getKey());
      }
      if (!sha256(bytes).equals(h.getValue().asText())) {
        throw corrupt(name, "hash mismatch for " + h.getKey());
      }
    }
    for (String entry : entries.keySet()) {
      if (!hashes.has(entry)) {
        throw corrupt(name, "entry " + entry + " is not listed in " + MANIFEST);
      }
    }
    return entries;
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTimeLocal(EPOCH);
    zip.putNextEntry(e);
    zip.write(bytes);
    zip.closeEntry();
  }

  private static boolean startsWithZipMagic(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3
          && head[3] == 4;
    } catch (IOException e) {
      throw new KilnRuntimeException("cannot read artifact " + file + ": " + dev.kiln.runtime.io.IoErrors.describe(e),
          null, e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static KilnRuntimeException corrupt(String name, String why) {
    return new KilnRuntimeException("artifact " + name + " is corrupt: " + why);
  }
}
