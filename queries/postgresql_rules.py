"""Fix-up rules for what sqlglot writes wrong when it turns a DuckDB query into PostgreSQL.

Each rule takes one node of the parsed DuckDB query and returns it, or what stands for it on
PostgreSQL (queries/postgresql_sql.py applies them to every node, leaves first). A rule handles
one DuckDB construct; `tests/test_postgres_sql.py` shows each with a tiny example. What a rule
cannot know (the type of a column) is kept out of the queries instead, by the conventions in
CONTRIBUTING.md (*PostgreSQL form of a query*).
"""

from __future__ import annotations

from sqlglot import exp

# try_cast's targets, each with the text shape PostgreSQL's cast reads without an error
_CAST_SHAPES = {
    exp.DataType.Type.DOUBLE: r"^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$",
    exp.DataType.Type.INT: r"^\s*[+-]?[0-9]{1,9}\s*$",
    exp.DataType.Type.BIGINT: r"^\s*[+-]?[0-9]{1,18}\s*$",
}


def try_cast_kept_safe(node: exp.Expression) -> exp.Expression:
    """`try_cast(x as double)`: null where x does not read as the type. sqlglot writes a plain cast,
    which fails the whole query on one bad value; PostgreSQL 15 has no try_cast, so the cast runs
    only on text of the type's shape (a text argument: what the queries try_cast)."""
    if not isinstance(node, exp.TryCast):
        return node
    shape = _CAST_SHAPES.get(node.to.this)
    if shape is None:
        raise ValueError(f"try_cast to {node.to.sql('duckdb')} has no PostgreSQL form: add it to _CAST_SHAPES")
    text = exp.cast(node.this.copy(), exp.DataType.build("text"))
    matches = exp.RegexpLike(this=text, expression=exp.Literal.string(shape))
    return exp.Case(ifs=[exp.If(this=matches, true=exp.cast(node.this.copy(), node.to.copy()))])


def any_value_as_min(node: exp.Expression) -> exp.Expression:
    """`any_value(x)` and `any_value(x ignore nulls)`: some non-null value of the group. PostgreSQL
    15 has no any_value and no IGNORE NULLS; min(x) is such a value (the queries use any_value
    where every row of a group holds the same one)."""
    if isinstance(node, exp.IgnoreNulls) and isinstance(node.this, exp.AnyValue):
        node = node.this          # sqlglot reads DuckDB's any_value(x) as any_value(x) ignore nulls
    if isinstance(node, exp.AnyValue):
        value = node.this.this if isinstance(node.this, exp.IgnoreNulls) else node.this
        return exp.Min(this=value.copy())
    return node


def round_double(node: exp.Expression) -> exp.Expression:
    """`round(double, n)`: PostgreSQL rounds to n places only a numeric. sqlglot casts the value to
    numeric and so returns a numeric (a Python Decimal); DuckDB returns a double, so the rounded
    numeric is cast back to double precision."""
    if not isinstance(node, exp.Round) or node.args.get("decimals") is None:
        return node
    value = node.this.copy()
    rounded = exp.Round(this=exp.cast(value, exp.DataType.build("decimal")), decimals=node.args["decimals"].copy())
    return exp.cast(rounded, exp.DataType.build("double"))


def series_in_select(node: exp.Expression) -> exp.Expression:
    """`unnest(generate_series(a, b, step))`: DuckDB's generate_series returns a list, unnested to
    rows; PostgreSQL's returns the rows itself, so the unnest goes. DuckDB's series of dates is of
    timestamps: PostgreSQL would make timestamptz of dates, so the ends are cast to timestamp."""
    if not isinstance(node, exp.Explode) or not isinstance(node.this, exp.GenerateSeries):
        return node
    series = node.this.copy()
    for end in ("start", "end"):
        series.set(end, exp.cast(series.args[end], exp.DataType.build("timestamp")))
    return series


def make_date(node: exp.Expression) -> exp.Expression:
    """`make_date(y, m, d)`: sqlglot writes DATE_FROM_PARTS, which PostgreSQL does not have;
    PostgreSQL's make_date takes integers, as DuckDB's does."""
    if not isinstance(node, exp.DateFromParts):
        return node
    parts = [node.args[key].copy() for key in ("year", "month", "day")]
    return exp.Anonymous(this="make_date", expressions=parts)


def to_days(node: exp.Expression) -> exp.Expression:
    """`to_days(n)`: an interval of n days, which PostgreSQL writes as n times one day."""
    if not isinstance(node, exp.ToDays):
        return node
    return exp.Paren(this=exp.Mul(this=exp.Paren(this=node.this.copy()),
                                  expression=exp.Interval(this=exp.Literal.string("1"), unit=exp.var("day"))))


def contains_text(node: exp.Expression) -> exp.Expression:
    """`contains(text, part)`: PostgreSQL has no contains(); strpos is 0 when the part is not in
    the text (and null on a null, as contains is)."""
    if not isinstance(node, exp.Contains):
        return node
    found = exp.Anonymous(this="strpos", expressions=[node.this.copy(), node.expression.copy()])
    return exp.GT(this=found, expression=exp.Literal.number(0))


def hour_of(node: exp.Expression) -> exp.Expression:
    """`hour(ts)`: sqlglot keeps HOUR(), which PostgreSQL lacks; extract() returns a numeric there,
    so it is cast to DuckDB's bigint."""
    if not isinstance(node, exp.Hour):
        return node
    hour = exp.Extract(this=exp.var("hour"), expression=node.this.copy())
    return exp.cast(hour, exp.DataType.build("bigint"))


def thousands_format(node: exp.Expression) -> exp.Expression:
    """`format('{:,}', n)`: a whole number with thousands separators (DuckDB's fmt syntax);
    PostgreSQL's format() reads %s, so the number is written by to_char (FM: no padding)."""
    if not isinstance(node, exp.Format):
        return node
    pattern = node.this
    if not (isinstance(pattern, exp.Literal) and pattern.this == "{:,}" and len(node.expressions) == 1):
        raise ValueError(f"format({pattern.sql('duckdb')}, ...) has no PostgreSQL form: add it to thousands_format")
    return exp.Anonymous(this="to_char", expressions=[node.expressions[0].copy(),
                                                      exp.Literal.string("FM999,999,999,999,999,990")])


def regexp_extract(node: exp.Expression) -> exp.Expression:
    """`regexp_extract(text, pattern[, group])`: PostgreSQL has regexp_match (an array of the
    groups, or of the whole match when the pattern has none; null when nothing matches). DuckDB
    gives '' where nothing matches, and null only for a null text."""
    if not isinstance(node, exp.RegexpExtract):
        return node
    group = node.args.get("group")
    number = int(group.this) if group is not None else 0
    pattern = node.expression.copy()
    if number == 0:
        pattern = exp.Literal.string(f"({pattern.this})")
        number = 1
    match = exp.Anonymous(this="regexp_match", expressions=[node.this.copy(), pattern])
    found = exp.Bracket(this=exp.Paren(this=match), expressions=[exp.Literal.number(number)], offset=1)
    text_is_null = exp.Is(this=node.this.copy(), expression=exp.Null())
    return exp.Case(ifs=[exp.If(this=text_is_null, true=exp.Null())],
                    default=exp.Coalesce(this=found, expressions=[exp.Literal.string("")]))


def group_by_all(node: exp.Expression) -> exp.Expression:
    """`group by all`: DuckDB groups by every selected expression that holds no aggregate;
    PostgreSQL 15 wants them named, so they are written out (by position, as `group by 1, 2`)."""
    if not isinstance(node, exp.Select) or not (node.args.get("group") and node.args["group"].args.get("all")):
        return node
    positions = [exp.Literal.number(place) for place, selected in enumerate(node.selects, start=1)
                 if not selected.find(exp.AggFunc)]
    node.set("group", exp.Group(expressions=positions))
    return node


def alias_derived_tables(node: exp.Expression) -> exp.Expression:
    """`from (select ...)` without a name: DuckDB allows it, PostgreSQL 15 wants an alias."""
    if isinstance(node, exp.Subquery) and isinstance(node.parent, (exp.From, exp.Join)) and not node.alias:
        # named by its place, so that generating twice writes the same text
        place = node.parent.arg_key + str(node.parent.index or 0)
        node.set("alias", exp.TableAlias(this=exp.to_identifier(f"{place}_query")))
    return node


def untyped_empty_list(node: exp.Expression) -> exp.Expression:
    """`[]` without a type: PostgreSQL cannot type an empty ARRAY[]. Write `[]::integer[]` in the
    DuckDB file (the convention); this rule only refuses the untyped form with its reason."""
    if isinstance(node, exp.Array) and not node.expressions and not isinstance(node.parent, exp.Cast):
        raise ValueError("an untyped [] has no PostgreSQL type: write it as []::integer[] (or its type)")
    return node


def select_star_modifiers(node: exp.Expression) -> exp.Expression:
    """`* replace (...)` and `* exclude (...)`: PostgreSQL has neither. The queries name their columns
    instead (the convention); this rule only refuses them with the reason."""
    if isinstance(node, exp.Star) and any(node.args.get(key) for key in ("replace", "except_", "rename")):
        raise ValueError("select * replace/exclude has no PostgreSQL form: name the columns")
    return node


RULES = (
    try_cast_kept_safe,
    any_value_as_min,
    round_double,
    series_in_select,
    make_date,
    to_days,
    contains_text,
    hour_of,
    thousands_format,
    regexp_extract,
    group_by_all,
    alias_derived_tables,
    untyped_empty_list,
    select_star_modifiers,
)
