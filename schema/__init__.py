"""The one declarative description of orgkg's node and relationship types."""

from orgkg.schema.model import Model, NodeType, Property, RelType, load_model

__all__ = ["Model", "NodeType", "Property", "RelType", "load_model"]
