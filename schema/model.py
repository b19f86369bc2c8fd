"""The model read from `model.yaml`: node types, relationship types and their properties.

Generic code (stores, GraphQL, RDF) reads these objects instead of naming types itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

MODEL_FILE = Path(__file__).with_name("model.yaml")

PREFIXES = {
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
}

MERGE_RULES = {"union", "min", "max", "longest", "first"}
PROPERTY_TYPES = {"string", "text", "date", "list"}


@dataclass(frozen=True)
class Property:
    name: str
    type: str = "string"
    merge: str = "first"
    filter: bool = False
    search: bool = False
    sort: bool = False
    rdf: str | None = None
    lang: bool = False
    enum: tuple[str, ...] = ()

    @property
    def is_list(self) -> bool:
        return self.type == "list"


@dataclass(frozen=True)
class NodeType:
    name: str
    plural: str
    id_prefix: str
    label: str
    rdf: str
    properties: dict[str, Property]

    def searchable(self) -> list[Property]:
        return [p for p in self.properties.values() if p.search]


@dataclass(frozen=True)
class RelType:
    name: str
    source: str
    target: str
    field: str
    reverse: str
    label: str
    rdf: str
    key: tuple[str, ...] = ()
    cardinality: str = "many"  # how many targets one source has
    reverse_cardinality: str = "many"  # how many sources one target has
    properties: dict[str, Property] = field(default_factory=dict)
    graphql: dict[str, str] = field(default_factory=dict)  # {type, source, target} for edge objects


@dataclass(frozen=True)
class Model:
    nodes: dict[str, NodeType]
    relationships: dict[str, RelType]

    def node_type_of(self, node_id: str) -> NodeType | None:
        """The node type an id belongs to (ids start with the type's prefix and a colon)."""
        prefix = node_id.split(":", 1)[0]
        for nt in self.nodes.values():
            if nt.id_prefix == prefix:
                return nt
        return None

    def relationships_of(self, node_type: str) -> list[tuple[RelType, str]]:
        """Relationships touching a node type, each with the direction seen from it ("out" or "in")."""
        out = []
        for rel in self.relationships.values():
            if rel.source == node_type:
                out.append((rel, "out"))
            if rel.target == node_type:
                out.append((rel, "in"))
        return out


def _property(name: str, spec: dict[str, Any], where: str) -> Property:
    unknown = set(spec) - set(Property.__dataclass_fields__)
    if unknown:
        raise ValueError(f"{where}.{name}: unknown fields {sorted(unknown)}")
    if spec.get("type", "string") not in PROPERTY_TYPES:
        raise ValueError(f"{where}.{name}: type must be one of {sorted(PROPERTY_TYPES)}")
    if spec.get("merge", "first") not in MERGE_RULES:
        raise ValueError(f"{where}.{name}: merge must be one of {sorted(MERGE_RULES)}")
    spec = dict(spec)
    spec["enum"] = tuple(spec.get("enum", ()))
    return Property(name=name, **spec)


def parse_model(data: dict[str, Any]) -> Model:
    nodes = {}
    for name, spec in data["nodes"].items():
        props = {p: _property(p, s, name) for p, s in spec.get("properties", {}).items()}
        nodes[name] = NodeType(
            name=name,
            plural=spec["plural"],
            id_prefix=spec["id_prefix"],
            label=spec["label"],
            rdf=spec["rdf"],
            properties=props,
        )
    rels = {}
    for name, spec in data["relationships"].items():
        for end in ("source", "target"):
            if spec[end] not in nodes:
                raise ValueError(f"{name}.{end}: no node type {spec[end]!r}")
        props = {p: _property(p, s, name) for p, s in spec.get("properties", {}).items()}
        rels[name] = RelType(
            name=name,
            source=spec["source"],
            target=spec["target"],
            field=spec["field"],
            reverse=spec["reverse"],
            label=spec["label"],
            rdf=spec["rdf"],
            key=tuple(spec.get("key", ())),
            cardinality=spec.get("cardinality", "many"),
            reverse_cardinality=spec.get("reverse_cardinality", "many"),
            properties=props,
            graphql=dict(spec.get("graphql", {})),
        )
    return Model(nodes=nodes, relationships=rels)


@cache
def load_model(path: Path = MODEL_FILE) -> Model:
    """The model declared in `schema/model.yaml` (parsed once)."""
    return parse_model(yaml.safe_load(path.read_text(encoding="utf-8")))
