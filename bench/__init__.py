"""Scale: the synthetic corpus generator and the benchmark harness (`orgkg synth`, `orgkg bench`)."""
