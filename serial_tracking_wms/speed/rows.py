# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's own ORM steps, for thousands of rows at once.

``create_rows`` and ``copy_rows`` write in a few statements the rows Odoo's
``create`` would write one record at a time (its per-record Python work is most
of the cost of a receipt of thousands of serials), then do what ``create`` does
after its INSERT: every stored computed or related field of every installed
module is computed for each row by its own compute method (marked here, computed
at the next flush, as ``create`` leaves it), the records pointing to the new
rows forget their cached lists, and the Python constraints are checked.

Defaults are given per row as ``create`` gives them: ``default_get`` once for
what is the same for every row (context keys, ``ir.default`` values, constant
defaults), and once per row for the fields whose default is a function (a
sequence, the clock, anything an integrator's module computes), in the rows'
order. A row that cannot be written this way (a default on a field that is not a
plain column, a field with an inverse, ...) makes the whole call go through
Odoo's own ``create`` (``odoo_create``), which is always exact.

``write_rows`` writes many records' values in one UPDATE, as ``write`` would.

They stand in for the ORM's generic ``create`` and ``write`` only: the paths that
call them are switched on by ``guard.py`` only where no other module's code
runs in those methods (see ``allowlist.py``).
"""

from psycopg2.extras import Json

from odoo import fields, models
from odoo.tools import SQL, float_repr, float_round, split_every

# Rows per INSERT statement.
INSERT_ROWS = 1000
# Where Odoo turns a constant default into a function (``Field._setup_attrs``):
# a default made there returns the same value for every row.
_CONSTANT_DEFAULT_FILE = fields.__file__


def is_constant_default(field):
    """Whether ``field``'s default is a constant Odoo wrapped in a function
    (``default=0.0``): the same value for every row."""
    code = getattr(field.default, "__code__", None)
    return (
        code is not None
        and code.co_filename == _CONSTANT_DEFAULT_FILE
        and code.co_freevars == ("value",)
    )


def can_create_rows(model, fnames):
    """Whether rows of ``model`` giving ``fnames`` can be written set-based:
    plain columns only (no inheritance, inverse, x2many, translated, company
    dependent or properties value to handle)."""
    if model._inherits or model._parent_store:
        return False
    return all(column_problem(model, fname) is None for fname in fnames)


def column_problem(model, fname):
    """Why a value of ``fname`` cannot be written as a plain column of a row of
    ``model`` (as ``create`` or ``write`` would write it); ``None`` when it can."""
    field = model._fields.get(fname)
    if field is None:
        return f"{model._name} has no field {fname}"
    if not field.store or not field.column_type:
        return f"{model._name}.{fname} is not a column"
    if field.inherited:
        return f"{model._name}.{fname} is inherited"
    if field.inverse:
        return f"{model._name}.{fname} has an inverse method"
    if field.translate:
        return f"{model._name}.{fname} is translated"
    if field.company_dependent:
        return f"{model._name}.{fname} is company dependent"
    if field.type in ("properties", "one2many", "many2many", "binary"):
        return f"{model._name}.{fname} is a {field.type} field"
    return None


def rows_of_one_shape(vals_list, minimum):
    """Whether ``vals_list`` holds at least ``minimum`` rows that all give the
    same fields, as ``create_rows`` needs them."""
    return len(vals_list) >= minimum and all(
        vals.keys() == vals_list[0].keys() for vals in vals_list
    )


def column_converter(field, model):
    """``field.convert_to_column_insert`` as a function of the value and the
    row's values, with what depends on the field only (a float's digits) read
    once."""
    if isinstance(field, fields.Float) and not field.company_dependent:
        digits = field.get_digits(model.env)
        if digits:
            scale = digits[1]
            return lambda value, _values: float_repr(
                float_round(float(value or 0.0), precision_digits=scale), scale
            )
        return lambda value, _values: float(value or 0.0)
    return lambda value, values: field.convert_to_column_insert(value, model, values)


def per_row_defaults(model, names):
    """Those of ``names`` (fields of ``model``) whose default ``create`` computes
    for each row: a function other than a constant, not replaced by an
    ``ir.default`` value. In ``model._fields`` order, as ``default_get`` is
    called with them."""
    ir_defaults = model.env["ir.default"]._get_model_defaults(model._name)
    names = set(names)
    return [
        name
        for name, field in model._fields.items()
        if name in names
        and field.default
        and not is_constant_default(field)
        and (field.company_dependent or name not in ir_defaults)
    ]


class _Defaults:
    """The defaults ``create`` gives rows of ``model`` that do not give
    ``missing``: those the same for all rows read once, the others computed for
    each row (``row()``), in the rows' order."""

    def __init__(self, model, missing):
        self.model = model
        self.per_row = per_row_defaults(model, missing)
        self.static = model.default_get(
            [name for name in missing if name not in self.per_row]
        )

    def names(self):
        return {*self.static, *self.per_row}

    def row(self):
        if not self.per_row:
            return self.static
        return {**self.static, **self.model.default_get(self.per_row)}


def _protected_when_given(field):
    """Whether ``create`` given a value of computed ``field`` keeps it (as
    ``BaseModel.create`` protects editable and precomputed fields)."""
    return not field.readonly or field.precompute


def _skipped(model):
    return {"id", "parent_path", *models.LOG_ACCESS_COLUMNS}


def _create_fields(model, given, defaults):
    """The fields whose columns a row giving ``given`` gets (the defaults
    included), or ``None`` when such a row cannot be written set-based."""
    skipped = _skipped(model)
    fields_ = [
        model._fields[fname]
        for fname in sorted({*given, *defaults.names()} - skipped)
        if model._fields[fname].store
        and model._fields[fname].column_type
        # Precomputed readonly fields are always computed (as in
        # ``_prepare_create_values``).
        and not (model._fields[fname].precompute and model._fields[fname].readonly)
    ]
    if not can_create_rows(model, [field.name for field in fields_]) or any(
        model._fields[name].inverse for name in defaults.names()
    ):
        return None
    return fields_


def creatable(model, given):
    """Whether ``create_rows`` makes rows of ``model`` giving ``given`` itself
    (rather than through Odoo's ``create``)."""
    missing = [name for name in model._fields if name not in given]
    return _create_fields(model, given, _Defaults(model, missing)) is not None


def create_rows(model, vals_list, odoo_create=None):
    """``model.create(vals_list)`` as Odoo's ``BaseModel.create`` does it, for
    rows that all give the same fields; the records, in the order of
    ``vals_list``.

    :param odoo_create: the ``create`` that runs instead when the rows cannot be
        written set-based (``creatable``; by default ``model.create``); a caller
        overriding ``create`` passes its ``super()``'s
    """
    if not vals_list:
        return model.browse()
    given = set(vals_list[0])
    missing = [name for name in model._fields if name not in given]
    defaults = _Defaults(model, missing)
    fields_ = _create_fields(model, given, defaults)
    if fields_ is None:
        return (odoo_create or model.create)(vals_list)
    model.check_access("create")
    env = model.env
    columns = [field.name for field in fields_]
    magic = ()
    if model._log_access:
        now = env.cr.now()
        magic = (env.uid, now, env.uid, now)
        columns += ["create_uid", "create_date", "write_uid", "write_date"]
    converters = [(field.name, column_converter(field, model)) for field in fields_]
    rows, stored_list = [], []
    for vals in vals_list:
        stored = {**defaults.row(), **vals}
        stored_list.append(stored)
        rows.append(
            tuple(convert(stored[fname], stored) for fname, convert in converters)
            + magic
        )
    records = _insert(model, columns, rows)
    _after_insert(
        records,
        {field.name for field in fields_},
        stored_list,
        _not_given(model, columns),
    )
    return records


def copy_rows(template, vals_list, same_for_all=(), odoo_create=None):
    """Rows like ``template`` (one record Odoo's own ``create`` just made), one
    per values of ``vals_list`` (all giving the same fields), in that order:

    * the fields in the values take them;
    * every stored computed or related field not in them is left empty, then
      computed for each row by its own compute method, as ``create`` does (a
      compute method may read the field's value before it: empty, as for a
      record being created);
    * a field whose default ``create`` computes for each row (a function: see
      ``per_row_defaults``) gets its own, for each row, unless it is in
      ``same_for_all``: the fields the verified code creating the template gave
      the same value for every record of its call;
    * every other column takes the template's value: what ``create`` and its
      overrides gave the template (constant defaults, magic columns, values a
      verified override wrote), the same for the rows of one ``create`` call.

    Anything ``create`` would do that a row cannot take (see ``can_create_rows``)
    sends the call to ``odoo_create`` (by default the model's ``create``).
    """
    model = template.browse()
    if not vals_list:
        return model
    odoo_create = odoo_create or model.create
    given = set(vals_list[0])
    if not can_copy_rows(model, given):
        return odoo_create(vals_list)
    fields_ = [
        field
        for field in model._fields.values()
        if field.store and field.column_type and field.name != "id"
    ]
    # A computed field ``create`` gives a default is written, and protected
    # from its computation: editable ones (``_prepare_create_values``).
    defaulted = {
        field.name
        for field in fields_
        if field.compute and field.default and _protected_when_given(field)
    }
    per_row = per_row_defaults(
        model,
        [
            field.name
            for field in fields_
            if (not field.compute or field.name in defaulted)
            and field.name not in given
            and field.name not in same_for_all
            and field.name not in _skipped(model)
        ],
    )
    if not can_create_rows(model, per_row):
        return odoo_create(vals_list)
    model.check_access("create")
    env = model.env
    columns = [field.name for field in fields_]
    template.flush_recordset()
    env.cr.execute(
        SQL(
            "SELECT %s FROM %s WHERE id = %s",
            SQL(", ").join(SQL.identifier(name) for name in columns),
            SQL.identifier(model._table),
            template.id,
        )
    )
    copied = [
        None
        if field.compute and field.name not in defaulted
        else Json(value)
        if field.column_type[0] == "jsonb" and value is not None
        else value
        for field, value in zip(fields_, env.cr.fetchone(), strict=True)
    ]
    written = given | set(per_row)
    kept = written | defaulted
    converters = [
        (field.name, column_converter(field, model) if field.name in written else None)
        for field in fields_
    ]
    rows, stored_list = [], []
    for vals in vals_list:
        stored = {**model.default_get(per_row), **vals} if per_row else vals
        stored_list.append(stored)
        rows.append(
            tuple(
                convert(stored[fname], stored) if convert else value
                for (fname, convert), value in zip(converters, copied, strict=True)
            )
        )
    records = _insert(model, columns, rows)
    _after_insert(
        records,
        # Every column with a value: as ``create``, which checks the
        # constraints of every field it stored (given or default).
        {
            field.name
            for field, value in zip(fields_, copied, strict=True)
            if field.name in kept or (value is not None and not field.compute)
        }
        - _skipped(model),
        stored_list,
        [
            field
            for field, value in zip(fields_, copied, strict=True)
            if value is None and field in _not_given(model, written)
        ],
    )
    return records


def can_copy_rows(model, fnames):
    """Whether ``copy_rows`` can make rows of ``model`` giving ``fnames``: those
    of ``can_create_rows``, with no required computed field to leave empty."""
    return can_create_rows(model, fnames) and not any(
        field.store and field.compute and field.required and name not in fnames
        for name, field in model._fields.items()
    )


def can_write_rows(model, fnames):
    """Whether ``write_rows`` can write ``fnames`` of ``model``: plain columns,
    no computed field among them."""
    return can_create_rows(model, fnames) and not any(
        model._fields[fname].compute for fname in fnames
    )


def write_rows(records, vals_list):
    """``record.write(vals)`` for each record of ``records`` and its values in
    ``vals_list`` (all giving the same fields), as Odoo's ``BaseModel.write``
    does it, in one UPDATE for all of them: the values and the writer and date
    of the change; what depends on the fields written is marked to compute, as
    ``write`` does; the Python constraints on them are checked. Fields that are
    not plain columns go through ``write``, one call per distinct values."""
    if not records:
        return
    model = records.browse()
    fnames = list(vals_list[0])
    if not can_write_rows(model, fnames) or any(
        vals.keys() != vals_list[0].keys() for vals in vals_list
    ):
        by_vals = {}
        for record, vals in zip(records, vals_list, strict=True):
            by_vals.setdefault(tuple(sorted(vals.items())), []).append(record.id)
        for vals, ids in by_vals.items():
            records.browse(ids).write(dict(vals))
        return
    records.check_access("write")
    env = records.env
    records.flush_recordset(fnames)
    records.modified(fnames, before=True)
    arrays = [SQL("%s::int4[]", list(records.ids))]
    aliases = [SQL.identifier("id")]
    assignments = []
    for index, fname in enumerate(fnames):
        field = model._fields[fname]
        convert = column_converter(field, model)
        alias = SQL.identifier(f"c{index}")
        arrays.append(
            SQL(
                "%s::%s[]",
                [convert(vals[fname], vals) for vals in vals_list],
                SQL(field.column_type[1]),
            )
        )
        aliases.append(alias)
        assignments.append(SQL("%s = v.%s", SQL.identifier(fname), alias))
    magic = []
    if model._log_access:
        magic = ["write_uid", "write_date"]
        assignments += [
            SQL("write_uid = %s", env.uid),
            SQL("write_date = %s", env.cr.now()),
        ]
    env.cr.execute(
        SQL(
            "UPDATE %s t SET %s FROM unnest(%s) AS v(%s) WHERE t.id = v.id",
            SQL.identifier(model._table),
            SQL(", ").join(assignments),
            SQL(", ").join(arrays),
            SQL(", ").join(aliases),
        )
    )
    records.invalidate_recordset(fnames + magic)
    records.modified(fnames)
    records._validate_fields(fnames)


def _insert(model, columns, rows):
    """INSERT ``rows`` of ``columns``; the records, in the order of ``rows``.

    A column with one value in every row is sent once; the others as one array
    each, unnested together in the rows' order: thousands of rows in one short
    statement."""
    ids = []
    fields_ = [model._fields[name] for name in columns]
    for chunk in split_every(INSERT_ROWS * 5, rows):
        selected, arrays, aliases = [], [], []
        for index, field in enumerate(fields_):
            column = [row[index] for row in chunk]
            sql_type = SQL(field.column_type[1])
            if all(value == column[0] for value in column):
                selected.append(SQL("%s::%s", column[0], sql_type))
            else:
                alias = SQL.identifier(f"c{index}")
                arrays.append(SQL("%s::%s[]", column, sql_type))
                aliases.append(alias)
                selected.append(alias)
        if not arrays:
            arrays.append(SQL("%s::int4[]", list(range(len(chunk)))))
            aliases.append(SQL.identifier("c"))
        model.env.cr.execute(
            SQL(
                """INSERT INTO %s (%s)
                   SELECT %s FROM unnest(%s) WITH ORDINALITY AS u(%s, "ord")
                    ORDER BY "ord"
                RETURNING id""",
                SQL.identifier(model._table),
                SQL(", ").join(map(SQL.identifier, columns)),
                SQL(", ").join(selected),
                SQL(", ").join(arrays),
                SQL(", ").join(aliases),
            )
        )
        ids.extend(row[0] for row in model.env.cr.fetchall())
    return model.browse(ids)


def _not_given(model, given):
    """The stored, not computed fields of ``model`` a ``create`` giving
    ``given`` (after its defaults) leaves empty."""
    return [
        field
        for field in model._fields.values()
        if field.store
        and field.column_type
        and not field.compute
        and field.name not in given
        and field.name not in _skipped(model)
    ]


def _after_insert(records, written, stored_list, empty=()):
    """What ``create`` does after its INSERT, for ``records`` whose rows got
    the values of ``written`` fields (``stored_list``: each row's values, given
    and default); ``empty``: the fields ``create`` left empty, which it puts in
    cache as such (a later ``write`` of an empty value on them then writes
    nothing: the column stays NULL, as in Odoo)."""
    from .company import check_company

    model, env = records.browse(), records.env
    for field in empty:
        env.cache.update(
            records, field, [field.convert_to_cache(None, model)] * len(records)
        )
    for fname in written:
        field = model._fields[fname]
        if field.type == "many2one" and model.pool.field_inverses[field]:
            targets = {stored.get(fname) for stored in stored_list}
            env[field.comodel_name].browse(
                [target for target in targets if target]
            ).invalidate_recordset(
                [inverse.name for inverse in model.pool.field_inverses[field]]
            )
    # Editable computed fields given a value are not computed (as ``create``
    # protects them); the other stored computed fields are, for each row.
    protected = {
        dependent
        for fname in written
        if model._fields[fname].compute and _protected_when_given(model._fields[fname])
        for dependent in model.pool.field_computed.get(
            model._fields[fname], [model._fields[fname]]
        )
    }
    with env.protecting(protected, records):
        for field in model._fields.values():
            if field.store and field.compute and field not in protected:
                env.add_to_compute(field, records)
        records.modified(model._fields, create=True)
    records._validate_fields(written)
    if model._check_company_auto:
        check_company(records)
    records.check_access("create")
