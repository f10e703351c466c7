package dev.kiln.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NamesTest {
  @Test void validNamesStay() {
    assertEquals("input_ids", Names.sanitize("input_ids"));
    assertEquals("_x9", Names.sanitize("_x9"));
  }

  @Test void invalidCharactersBecomeUnderscores() {
    assertEquals("encoder_layer_0_attention_self_Add", Names.sanitize("/encoder/layer.0/attention/self/Add"));
    assertEquals("onnx_MatMul_787", Names.sanitize("onnx::MatMul_787"));
    assertEquals("p2o_DynamicDimension_0", Names.sanitize("p2o.DynamicDimension.0"));
    assertEquals("v123", Names.sanitize("123"));
    assertEquals("v", Names.sanitize("///"));
  }

  @Test void freshNamesAreUniqueAndAvoidKeywords() {
    Names n = new Names();
    assertEquals("a_b", n.fresh("a.b"));
    assertEquals("a_b_2", n.fresh("a/b"));
    assertEquals("a_b_3", n.fresh("a_b"));
    assertEquals("model_", n.fresh("model"));
    assertEquals("f32_", n.fresh("f32"));
  }
}
