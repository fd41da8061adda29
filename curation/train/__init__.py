"""The bundled PiSSA LoRA trainer (`curate train`): trains only on verified certified sets."""
