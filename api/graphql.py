"""The GraphQL schema: generated types (api/types.py), analysts' extras (api/extras.py) and the root Query."""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Annotated, Any, Optional, Union

import strawberry
from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    OperationDefinitionNode,
    get_named_type,
    specified_rules,
)
from graphql import execute as graphql_execute
from graphql.validation import ASTValidationRule
from strawberry.extensions import MaskErrors, MaxAliasesLimiter, QueryDepthLimiter, SchemaExtension
from strawberry.extensions.parser_cache import _get_parse_cache
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext, validate_document
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types import ExecutionContext, Info
from strawberry.types.execution import ExecutionResult as StrawberryExecutionResult
from strawberry.utils.str_converters import to_camel_case

from orgkg.api import types as gen
from orgkg.api.dataloaders import Cohort, Loaders, batch
from orgkg.api.extras import EDGE_EXTRAS, NODE_EXTRAS
from orgkg.api.spellings import search_spellings
from orgkg.api.types import DATE_SCALAR, Date, parse_date
from orgkg.graph import projection
from orgkg.graph.deadline import deadline_in, expired
from orgkg.graph.store import Store, StoreError
from orgkg.schema import Model, NodeType, load_model

MAX_PAGE = 100
MAX_DEPTH = 12
MAX_ALIASES = 50
MAX_TOKENS = 4000
DEFAULT_HOPS = 6
SEARCH_TYPES = ("Organization", "Person", "Meeting", "Task")
TIMEOUT = 10.0
PARSE_CACHE_SIZE = VALIDATION_CACHE_SIZE = 512

log = logging.getLogger("orgkg.api")


def check_first(first: int, limit: int = MAX_PAGE) -> None:
    if first < 0 or first > limit:
        raise StoreError(f"`first` must be between 0 and {limit}; page through larger results with `after`.")


def _connection_field(nt: NodeType) -> Any:
    def resolve(self: Any, info: Info, where: Any = None, sort: Any = None, first: int = 20,
                after: Optional[str] = None) -> Any:  # noqa: UP045
        check_first(first)
        store: Store = info.context["store"]
        keys = [(s["field"], s["direction"]) for s in sort or ()]
        page = store.list_nodes(nt.name, where, keys, first, after, selects(info, "totalCount"))
        nodes = gen.wrap_all(page.nodes)
        edge_cls = getattr(gen, f"{nt.name}Edge")
        conn_cls = getattr(gen, f"{nt.name}Connection")
        return conn_cls(
            total_count=page.total,
            page_info=gen.PageInfo(has_next_page=page.has_next, end_cursor=page.end_cursor),
            edges=[edge_cls(cursor=c, node=n) for c, n in zip(page.cursors, nodes, strict=True)],
            nodes=nodes,
        )

    resolve.__name__ = nt.plural
    resolve.__module__ = gen.__name__
    resolve.__annotations__ = {
        "info": "Info", "where": f"Optional[{nt.name}Where]", "sort": f"Optional[list[{nt.name}Sort]]",
        "first": "int", "after": "Optional[str]", "return": f"{nt.name}Connection",
    }
    return strawberry.field(
        resolver=resolve,
        description=f"All {nt.plural}, filtered, sorted and paged (`first` at most {MAX_PAGE}; the cursors "
        "are keyset cursors that stay valid while data is added).")


def selects(info: Any, name: str) -> bool:
    """Whether the query asks for field `name` of this field's value (through fragments too)."""
    raw = getattr(info, "_raw_info", info)  # strawberry's Info or graphql-core's own
    pending = [f.selection_set for f in raw.field_nodes]
    while pending:
        selection_set = pending.pop()
        for sel in selection_set.selections if selection_set else ():
            if isinstance(sel, FieldNode):
                if sel.name.value == name:
                    return True
            elif isinstance(sel, InlineFragmentNode):
                pending.append(sel.selection_set)
            elif isinstance(sel, FragmentSpreadNode) and sel.name.value in raw.fragments:
                pending.append(raw.fragments[sel.name.value].selection_set)
    return False


# Paths --------------------------------------------------------------------------------------


@strawberry.type(description="One relationship on a path, in its stored direction.")
class PathRelationship:
    id: strawberry.ID
    type: str
    source_id: strawberry.Private[str]
    target_id: strawberry.Private[str]

    @strawberry.field(description="What the relationship says, e.g. 'holds', 'takes part in'.")
    def label(self) -> str:
        return load_model().relationships[self.type].label

    @strawberry.field
    def source(self, info: Info) -> gen.NodeInterface:
        return gen.wrap(info.context["loaders"].node(self.source_id))  # read with the path

    @strawberry.field
    def target(self, info: Info) -> gen.NodeInterface:
        return gen.wrap(info.context["loaders"].node(self.target_id))


@strawberry.type(description="A shortest chain of relationships between two nodes, followed either way.")
class Path:
    length: int = strawberry.field(description="How many relationships the path has.")
    node_ids: strawberry.Private[list[str]]
    relationships: list[PathRelationship] = strawberry.field(
        description="relationships[i] joins nodes[i] and nodes[i + 1].")

    @strawberry.field(description="The nodes from `from` to `to`.")
    def nodes(self, info: Info) -> list[gen.NodeInterface]:
        known = info.context["loaders"].nodes(self.node_ids)  # read with the path
        return gen.wrap_all([n for i in self.node_ids if (n := known.get(i)) is not None])


def shortest_path(
    self: Any, info: Info,
    from_: Annotated[strawberry.ID, strawberry.argument(name="from")],
    to: strawberry.ID,
    max_hops: Annotated[int, strawberry.argument(
        description=f"At most this many relationships (0 to {projection.MAX_HOPS}).")] = DEFAULT_HOPS,
) -> Optional[Path]:  # noqa: UP045
    """A shortest path between two nodes, or null when none has at most `maxHops` relationships."""
    store: Store = info.context["store"]
    found = projection.shortest_path(projection.store_expander(store), str(from_), str(to), max_hops)
    if found is None:
        return None
    known = info.context["loaders"].nodes(found.nodes)  # all of the path's nodes, in one call
    if known[found.nodes[0]] is None or known[found.nodes[-1]] is None:
        return None
    return Path(
        length=found.length, node_ids=found.nodes,
        relationships=[PathRelationship(id=e.id, type=e.type, source_id=e.source, target_id=e.target)
                       for e in found.edges])


# Aggregations -------------------------------------------------------------------------------


@strawberry.type(description="How many nodes or relationships of one type the graph holds.")
class TypeCount:
    type: str
    count: int


@strawberry.type(description="Counts over the whole graph.")
class Statistics:
    nodes: list[TypeCount]
    relationships: list[TypeCount]


@strawberry.type(description="How many of something one organization has (in one year, when `year` is set).")
class OrganizationCount:
    organization_id: strawberry.Private[str]
    year: Optional[str]  # noqa: UP045
    count: int
    cohort: strawberry.Private[Cohort]  # its ids: the organizations of the whole list

    @strawberry.field
    def organization(self, info: Info) -> Annotated[
            "Organization", strawberry.lazy("orgkg.api.types")]:  # type: ignore[name-defined]  # noqa: F821, UP037
        return batch(self, "organization", lambda c: gen.wrap_ids(info.context["loaders"].nodes(c.ids), c.ids),
                     at=self.organization_id)


def _counts(groups: list[Any]) -> list[OrganizationCount]:
    cohort = Cohort([g.node_id for g in groups])
    return [OrganizationCount(organization_id=g.node_id, year=g.key, count=g.count, cohort=cohort) for g in groups]


def statistics(self: Any, info: Info) -> Statistics:
    """Node and relationship counts by type."""
    stats = info.context["store"].stats()
    model = load_model()
    return Statistics(
        nodes=[TypeCount(type=t, count=stats.get(f"nodes.{t}", 0)) for t in model.nodes],
        relationships=[TypeCount(type=r, count=stats.get(f"edges.{r}", 0)) for r in model.relationships],
    )


def meetings_per_organization_year(self: Any, info: Info, year: Any = None, where: Any = None,
                                   first: int = 20) -> Any:
    """Meetings hosted per organization and year, busiest first; `year` keeps one year (or month, day)."""
    check_first(first)
    far = {"date": {"gte": parse_date(year), "lte": year}} if year else None
    return _counts(info.context["store"].group_count("HOSTS", "out", "date", where, far, first))


def posts_per_organization(self: Any, info: Info, where: Any = None, first: int = 20) -> Any:
    """Posts per organization, most first."""
    check_first(first)
    return _counts(info.context["store"].group_count("BELONGS_TO", "in", None, where, None, first))


def _in_generated_module(fn: Any, annotations: dict[str, str]) -> Any:
    # Filters are generated types: string annotations naming them resolve in the generated module.
    fn.__module__ = gen.__name__
    fn.__annotations__ = annotations
    return fn


_in_generated_module(meetings_per_organization_year, {
    "info": "Info", "year": "Optional[Date]", "where": "Optional[OrganizationWhere]", "first": "int",
    "return": "list[OrganizationCount]"})
_in_generated_module(posts_per_organization, {
    "info": "Info", "where": "Optional[OrganizationWhere]", "first": "int", "return": "list[OrganizationCount]"})
gen.OrganizationCount = OrganizationCount  # type: ignore[attr-defined]


def _node(self: Any, info: Info, id: strawberry.ID) -> Optional[gen.NodeInterface]:  # noqa: UP045
    """Any entity by its id."""
    return gen.wrap(info.context["loaders"].node(str(id)))


# The schema ---------------------------------------------------------------------------------


class Schema(strawberry.Schema):
    """Strawberry's schema, logging only the errors that are bugs.

    Refusals (StoreError) and GraphQL's own parse/validation errors are the caller's to fix and are
    answered in the response; logging them with tracebacks would bury real failures.
    """

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
                       ) -> None:
        if expired():
            return  # the deadline stopped the operation: its failed fields are not bugs (answered as a timeout)
        for error in errors:
            if is_unexpected(error):
                log.error("GraphQL resolver failed: %s", error.message, exc_info=error.original_error)


def is_unexpected(error: GraphQLError) -> bool:
    original = error.original_error
    return original is not None and not isinstance(original, StoreError | GraphQLError)


_MASKING = MaskErrors(should_mask_error=is_unexpected)


# The limits' rules are made once: fresh rule classes per request would make every request miss the
# validation cache, whose key includes the rules.
LIMIT_RULES = (*QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
               *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules)
# graphql-core's rules and the limits', as strawberry's execution context and Guard put them together
RULES = (*specified_rules, *LIMIT_RULES)


class Guard(SchemaExtension):
    """Strawberry's ParserCache, ValidationCache, MaxTokensLimiter, AddValidationRules and MaskErrors, as one
    extension doing what each of them does: strawberry sets up every hook of every extension on every request
    (five extensions cost ~20 µs a request more than one, measured on a trivial operation). The parse cache is
    strawberry's own LRU cache, kept at module level: it outlives each request's extension."""

    def __init__(self) -> None:
        self.parse = _get_parse_cache(PARSE_CACHE_SIZE)
        self.masking = _MASKING

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        context.parse_options["max_tokens"] = MAX_TOKENS
        context.validation_rules = context.validation_rules + LIMIT_RULES
        yield
        result = context.result
        if isinstance(result, ExecutionResult | StrawberryExecutionResult) and result.errors:
            # what MaskErrors does, without its runtime Protocol check (~13 µs a request)
            result.errors = self.masking._process_errors(result.errors)

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        context.graphql_document = self.parse(context.query, **context.parse_options)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        context.pre_execution_errors = validated(context.schema._schema, context.query, context.validation_rules)
        yield


@lru_cache(maxsize=VALIDATION_CACHE_SIZE)
def validated(schema: GraphQLSchema, query: str, rules: tuple[type[ASTValidationRule], ...]) -> list[GraphQLError]:
    """The validation errors of a query text (none: valid), validated once. Keyed by the text rather than by
    the parsed document (as strawberry's ValidationCache is), since hashing a document walks its whole tree on
    every request; the text parses to the same document every time (the parse cache holds it)."""
    return validate_document(schema, _get_parse_cache(PARSE_CACHE_SIZE)(query, max_tokens=MAX_TOKENS), rules)


def _build(model: Model) -> strawberry.Schema:
    gen.generate(model, NODE_EXTRAS, EDGE_EXTRAS)
    members = tuple(gen.NODE_CLASSES[t] for t in SEARCH_TYPES)
    gen.SearchHit = Annotated[Union[members], strawberry.union("SearchHit")]  # type: ignore[attr-defined]  # noqa: UP007

    def search(self: Any, info: Info, text: str, first: int = 10) -> Any:
        check_first(first)
        hits = search_spellings(info.context["store"], text, first, SEARCH_TYPES)
        return gen.wrap_all([h.node for h in hits], [h.score for h in hits])

    search.__module__ = gen.__name__
    search.__annotations__ = {"info": "Info", "text": "str", "first": "int", "return": "list[SearchHit]"}

    namespace: dict[str, Any] = {"__annotations__": {}, "__module__": gen.__name__}
    for nt in model.nodes.values():
        namespace[nt.plural] = _connection_field(nt)
    namespace["node"] = strawberry.field(resolver=_node, description="Any entity by its id.")
    namespace["search"] = strawberry.field(
        resolver=search,
        description="Organizations, people, meetings and tasks matching every word of `text`, best first; "
        "case and diacritics are ignored ('le tuan an' finds 'Lê Tuấn An').")
    namespace["shortestPath"] = strawberry.field(
        resolver=shortest_path,
        description="A shortest path between two nodes over every relationship, either way; null when none "
        "has at most `maxHops` relationships.")
    namespace["statistics"] = strawberry.field(resolver=statistics, description="Counts by type.")
    namespace["meetingsPerOrganizationYear"] = strawberry.field(
        resolver=meetings_per_organization_year,
        description="Meetings hosted per organization and year, busiest first.")
    namespace["postsPerOrganization"] = strawberry.field(
        resolver=posts_per_organization, description="Posts per organization, most first.")
    query = strawberry.type(type("Query", (), namespace), description="Read-only: the API never writes.")
    return Schema(
        query=query,
        types=[*gen.NODE_CLASSES.values(), *gen.EDGE_CLASSES.values()],
        config=StrawberryConfig(scalar_map={Date: DATE_SCALAR}),
        extensions=[Guard],
        execution_context_class=SyncExecutionContext,
    )


def _direct(field: Any) -> Any:
    """A graphql-core resolver calling the field's own function, or None to keep strawberry's.

    Strawberry wraps every resolver in several layers (Info object, argument conversion, the
    extension chain) that cost more than most of our resolvers themselves, on every field of every
    row. Our resolvers need none of it: graphql-core has already coerced the arguments, and they read
    nothing but `info.context`. Scalar arguments are passed as they are; filters and sorts (input
    objects) as the plain dicts the store reads (`types.to_where`), straight from graphql-core's coerced
    dicts: strawberry's conversion into input classes, which the resolvers then turned back into dicts,
    cost a filtered query ~0.1 ms (bench/api_latency.py, profiled).
    """
    sf = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if sf is None or sf.extensions or getattr(sf, "permission_classes", None):
        return None
    if sf.base_resolver is None:
        attr = sf.python_name
        return lambda source, info: getattr(source, attr)
    resolver = sf.base_resolver
    fn = resolver.wrapped_func
    if resolver.root_parameter is not None or not resolver.self_parameter:
        return None
    names = {a.graphql_name or to_camel_case(a.python_name): a.python_name for a in resolver.arguments}
    inputs = {name: arg.type for name, arg in field.args.items()
              if not isinstance(get_named_type(arg.type), GraphQLScalarType)}
    info_name = resolver.info_parameter.name if resolver.info_parameter else None
    if not names and info_name is None:
        return lambda source, info: fn(source)
    if not names:
        return lambda source, info: fn(source, **{info_name: info})

    def resolve(source: Any, info: Any, **kwargs: Any) -> Any:
        args = {names[k]: (gen.to_where(v, inputs[k]) if k in inputs else v) for k, v in kwargs.items()}
        if info_name:
            args[info_name] = info
        return fn(source, **args)

    return resolve


def _install_direct_resolvers(schema: strawberry.Schema) -> None:
    names: dict[type, str] = {}
    for gtype in schema._schema.type_map.values():
        if isinstance(gtype, GraphQLObjectType) and not gtype.name.startswith("__"):
            for field in gtype.fields.values():
                direct = _direct(field)
                if direct is not None:
                    field.resolve = direct
            definition = gtype.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
            if definition is not None:
                names[definition.origin] = gtype.name
                # strawberry checks the class of every object of a type that implements an interface;
                # every resolver here returns the generated class of the type it declares
                gtype.is_type_of = None
    for gtype in schema._schema.type_map.values():
        if isinstance(gtype, GraphQLInterfaceType | GraphQLUnionType) and not gtype.name.startswith("__"):
            # an object's type is its class's (strawberry tries casts, then every possible type, in turn)
            gtype.resolve_type = lambda obj, info, abstract, names=names: names[type(obj)]


def _never_awaitable(value: Any) -> bool:
    return False


class SyncExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's execution of this schema, whose resolvers all answer synchronously (tests check it):
    no value needs testing for being awaitable, once per field and list item."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_awaitable = _never_awaitable


_BUILD_LOCK = threading.Lock()


@cache
def _built() -> strawberry.Schema:
    schema = _build(load_model())
    _install_direct_resolvers(schema)
    # The schema, the model and whatever else the process holds by now live as long as it does: keep
    # them out of the garbage collector's full passes, which otherwise walk them all and made a
    # request now and then wait tens of milliseconds (bench/api_latency.py's p99).
    gc.collect()
    gc.freeze()
    return schema


def build_schema() -> strawberry.Schema:
    """The schema, built once: generating it fills api/types.py's registries, so threads wait for it."""
    with _BUILD_LOCK:
        return _built()


def make_context(store: Store, **extra: Any) -> dict[str, Any]:
    return {"store": store, "loaders": Loaders(store), **extra}


async def run_operation(store: Store, query: str, variables: dict[str, Any] | None = None,
                        operation: str | None = None, **context: Any) -> ExecutionResult:
    """`run_operation_sync`, for callers on an event loop: it runs on the loop's own thread."""
    return run_operation_sync(store, query, variables, operation, **context)


def run_operation_sync(store: Store, query: str, variables: dict[str, Any] | None = None,
                       operation: str | None = None, **context: Any) -> ExecutionResult:
    """Execute one operation, synchronously, in the caller's thread.

    Every resolver answers at once (the store is in process, and api/dataloaders.py batches by cohort), so
    graphql-core completes each value as it comes, without a coroutine, task or future per field. The server
    runs it on its event loop's thread: handing it to a worker thread and back cost ~0.15 ms a request (more
    than a small query's execution), and a thread would not run it sooner, the GIL being shared. The
    request's deadline (graph/deadline.py) stops it: SQLite statements are interrupted, and every batch of
    reads refuses to start once it has passed. A document with no such operation is a request error.

    The steps are those of strawberry's `Schema.execute_sync` with the Guard extension (parse through the
    parse cache with the token limit, pick the operation, validate through the validation cache with the
    limits' rules, execute with SyncExecutionContext, log unexpected errors, mask them), taken straight:
    strawberry's per-operation machinery around them (an execution context, extension runners, a
    middleware manager, hooks entered and left) cost ~0.1 ms a request, more than graphql-core's own
    execution of a small query (profiled: bench/api_latency.py's server time, py-spy)."""
    schema = build_schema()
    result = _run(schema, query, variables, operation, make_context(store, **context))
    if result.errors:
        result.errors = _MASKING._process_errors(result.errors)
    return result


def _run(schema: Schema, query: str, variables: dict[str, Any] | None, operation: str | None,
         context: dict[str, Any]) -> ExecutionResult:
    if not query:
        return _refused("Only queries can run here: the API is read-only.")  # strawberry's MissingQueryError
    try:
        document = _get_parse_cache(PARSE_CACHE_SIZE)(query, max_tokens=MAX_TOKENS)
    except GraphQLError as error:
        return _failed(schema, [error])
    # strawberry's choice of operation: the one named, else the first (whose name is then passed on)
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation is not None:
        operations = [d for d in operations if d.name and d.name.value == operation]
    if not operations:
        return _refused(f"The document has no operation named {operation!r}." if operation else
                        "The document has several operations: say which to run with operationName.")
    if operation is None and operations[0].name:
        operation = operations[0].name.value
    errors = validated(schema._schema, query, RULES)
    if errors:
        return _failed(schema, errors)
    try:
        result = graphql_execute(schema._schema, document, context_value=context, variable_values=variables,
                                 operation_name=operation, executor_class=SyncExecutionContext,
                                 operation_extensions=None, is_async_iterable=_never_awaitable)
    except Exception as exc:  # what strawberry does with an exception escaping execution
        return _failed(schema, [exc if isinstance(exc, GraphQLError) else GraphQLError(str(exc), original_error=exc)])
    if result.errors:
        schema.process_errors(result.errors)
    return result  # type: ignore[return-value]  # synchronous: SyncExecutionContext never awaits


def _failed(schema: Schema, errors: list[GraphQLError]) -> ExecutionResult:
    schema.process_errors(errors)
    return ExecutionResult(data=None, errors=list(errors))


def _refused(message: str) -> ExecutionResult:
    return ExecutionResult(data=None, errors=[GraphQLError(message)])


def execute(store: Store, query: str, variables: dict[str, Any] | None = None,
            operation: str | None = None, timeout: float = TIMEOUT) -> dict[str, Any]:
    """Run one GraphQL operation against `store`: {"data": ..., "errors": [...]} as plain JSON."""

    started = time.monotonic()
    try:
        with deadline_in(timeout):
            result = run_operation_sync(store, query, variables, operation)
        if result.errors and time.monotonic() - started >= timeout:  # stopped at the deadline
            raise TimeoutError
    except TimeoutError:
        return {"data": None, "errors": [{"message": f"The query ran longer than {timeout:g} s and was stopped.",
                                          "extensions": {"code": "TIMEOUT"}}]}
    out: dict[str, Any] = {"data": result.data}
    if result.errors:
        out["errors"] = [e.formatted for e in result.errors]
    return out
