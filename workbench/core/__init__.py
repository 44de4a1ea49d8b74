"""The decision core: pydantic models and pure maths. Never imports textual or tinydb."""
