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

They stand in for the ORM's generic ``create`` only. The callers decide, with
``foreign_overrides``, that no installed module overrides the model's ``create``
(or the methods it calls) in a way they do not reproduce: otherwise Odoo's own
``create`` runs.
"""

from psycopg2.extras import Json

from odoo import fields, models
from odoo.models import PREFETCH_MAX
from odoo.tools import SQL, float_repr, float_round, split_every

# Rows per INSERT statement.
INSERT_ROWS = 1000
# A field read on a record of a large set is read for this share of the set
# (``prefetch_limit``), up to ``PREFETCH_MOST`` records.
PREFETCH_SHARE = 8
PREFETCH_MOST = 20 * PREFETCH_MAX


def foreign_overrides(model, method, known):
    """The modules whose classes of ``model`` define ``method``, other than
    ``known`` (module names; ``None`` stands for Odoo's ``BaseModel``)."""
    return [
        getattr(cls, "_module", None)
        for cls in type(model).__mro__
        if method in vars(cls) and getattr(cls, "_module", None) not in known
    ]


def unknown_overrides(env, known):
    """``foreign_overrides`` for each ``(model, method): modules`` of ``known``:
    the ``(model, method, module)`` found, empty when all are known."""
    return [
        (model, method, module)
        for (model, method), modules in known.items()
        for module in foreign_overrides(env[model], method, modules)
    ]


def check_company(records, fnames=None, odoo_check=None):
    """``records._check_company(fnames)``, set-based: Odoo checks, record by
    record and field by field, that the value's company fits the record's
    (``_check_company_domain`` of the value's model, which depends on the
    companies only). Here each company's records are checked together: the
    values of a field, once, with one ``filtered_domain``. The records found
    inconsistent, if any, go through Odoo's own check (``odoo_check(records,
    fnames)``, by default their ``_check_company``), which raises its own error
    on them; company-dependent fields, and models without ``company_id``,
    through Odoo's check altogether."""
    if odoo_check is None:

        def odoo_check(recs, names):
            return recs._check_company(names)

    model = records.browse()
    names = model._fields if fnames is None else fnames
    regular = [
        name
        for name in names
        if model._fields[name].relational
        and model._fields[name].check_company
        and not model._fields[name].company_dependent
    ]
    special = [
        name
        for name in names
        if model._fields[name].relational
        and model._fields[name].check_company
        and model._fields[name].company_dependent
    ]
    if not records or model._name == "res.company" or "company_id" not in model:
        return odoo_check(records, fnames)
    inconsistent = model
    for company, group in records.grouped("company_id").items():
        for name in regular:
            values = group.sudo()[name]
            if not values:
                continue
            domain = values._check_company_domain(company)
            if not domain:
                continue
            wrong = values - values.with_context(active_test=False).filtered_domain(
                domain
            )
            if wrong:
                inconsistent |= group.filtered(
                    lambda rec, n=name, w=wrong: rec.sudo()[n] & w
                )
    if inconsistent:
        inconsistent._check_company(regular)
    if special:
        records._check_company(special)
    return None


def prefetch_limit(record, limit):
    """How many records of ``record``'s prefetch set to read a field for, where
    Odoo reads ``limit`` (``_in_cache_without``): at least an eighth of a large
    set. Odoo reads a thousand at a time, and each read goes through the whole
    set to find the thousand not read yet: a set of tens of thousands of serials
    read field by field costs the square of its size. The values read are the
    same; only more are read at once."""
    if not limit:
        return limit
    ids = record._prefetch_ids
    # A set read from a relation is an iterable over the records holding it
    # (Odoo goes through it at each read too).
    size = len(ids) if isinstance(ids, tuple | list) else sum(1 for _id in ids)
    if size > limit * PREFETCH_SHARE:
        return min(size // PREFETCH_SHARE, PREFETCH_MOST)
    return limit


def fetch_missing(records, fnames):
    """``records.fetch(fnames)`` for those of ``records`` (stored, real records)
    that miss one of the fields in cache; nothing when all have them (``fetch``
    checks the access to every record again, in Python for records in cache:
    seconds for tens of thousands)."""
    cache = records.env.cache
    missing = set()
    for fname in fnames:
        missing.update(cache.get_missing_ids(records, records._fields[fname]))
    if missing:
        records.browse(sorted(missing)).fetch(fnames)


def can_create_rows(model, fnames):
    """Whether rows of ``model`` giving ``fnames`` can be written set-based:
    plain columns only (no inheritance, inverse, x2many, translated, company
    dependent or properties value to handle)."""
    if model._inherits or model._parent_store:
        return False
    for fname in fnames:
        field = model._fields.get(fname)
        if (
            field is None
            or not field.store
            or not field.column_type
            or field.inherited
            or field.inverse
            or field.translate
            or field.company_dependent
            or field.type in ("properties", "one2many", "many2many", "binary")
        ):
            return False
    return True


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


def can_copy_rows(model, fnames):
    """Whether ``copy_rows`` can make rows of ``model`` giving ``fnames``: those
    of ``can_create_rows``, with no required computed field to leave empty."""
    return can_create_rows(model, fnames) and not any(
        field.store and field.compute and field.required and name not in fnames
        for name, field in model._fields.items()
    )


def create_rows(model, vals_list):
    """``model.create(vals_list)`` as Odoo's ``BaseModel.create`` does it, for
    rows that all give the same fields (see ``can_create_rows``); the records,
    in the order of ``vals_list``.

    The defaults are those of ``default_get``, read once for all the rows (one
    context; Odoo's clock defaults are to the second).
    """
    if not vals_list:
        return model.browse()
    model.check_access("create")
    env = model.env
    given = set(vals_list[0])
    defaults = model.default_get([name for name in model._fields if name not in given])
    skipped = {"id", "parent_path", *models.LOG_ACCESS_COLUMNS}
    fields_ = [
        model._fields[fname]
        for fname in sorted({*given, *defaults} - skipped)
        if model._fields[fname].store
        and model._fields[fname].column_type
        # Precomputed readonly fields are always computed (as in
        # ``_prepare_create_values``).
        and not (model._fields[fname].precompute and model._fields[fname].readonly)
    ]
    if not can_create_rows(model, [field.name for field in fields_]):
        raise ValueError(f"create_rows cannot create {model._name} with {given}")
    columns = [field.name for field in fields_]
    magic = ()
    if model._log_access:
        now = env.cr.now()
        magic = (env.uid, now, env.uid, now)
        columns += ["create_uid", "create_date", "write_uid", "write_date"]
    converters = [(field.name, column_converter(field, model)) for field in fields_]
    rows = []
    for vals in vals_list:
        stored = {**defaults, **vals}
        rows.append(
            tuple(convert(stored[fname], stored) for fname, convert in converters)
            + magic
        )
    records = _insert(model, columns, rows)
    _after_insert(
        records,
        {field.name for field in fields_},
        vals_list,
        defaults,
        _not_given(model, columns),
    )
    return records


def copy_rows(template, vals_list):
    """Rows like ``template`` (one record Odoo's own ``create`` just made), one
    per values of ``vals_list`` (all giving the same fields), in that order:

    * the fields in the values take them;
    * every stored computed or related field not in them is left empty, then
      computed for each row by its own compute method, as ``create`` does (a
      compute method may read the field's value before it: empty, as for a
      record being created);
    * every other column takes the template's value: what ``create`` and its
      overrides gave the template (defaults, magic columns, values an override
      wrote), the same for the rows of one ``create`` call.

    The caller decides that nothing else ``create`` did for the template is due
    for the other rows (see ``can_copy_rows``).
    """
    model = template.browse()
    if not vals_list:
        return model
    model.check_access("create")
    env = model.env
    given = set(vals_list[0])
    if not can_copy_rows(model, given):
        raise ValueError(f"copy_rows cannot create {model._name} with {given}")
    fields_ = [
        field
        for field in model._fields.values()
        if field.store and field.column_type and field.name != "id"
    ]
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
        if field.compute
        else Json(value)
        if field.column_type[0] == "jsonb" and value is not None
        else value
        for field, value in zip(fields_, env.cr.fetchone(), strict=True)
    ]
    converters = [
        (field.name, column_converter(field, model) if field.name in given else None)
        for field in fields_
    ]
    rows = [
        tuple(
            convert(vals[fname], vals) if convert else value
            for (fname, convert), value in zip(converters, copied, strict=True)
        )
        for vals in vals_list
    ]
    records = _insert(model, columns, rows)
    _after_insert(
        records,
        given,
        vals_list,
        {},
        [
            field
            for field, value in zip(fields_, copied, strict=True)
            if value is None and field in _not_given(model, given)
        ],
    )
    return records


def can_write_rows(model, fnames):
    """Whether ``write_rows`` can write ``fnames`` of ``model``: plain columns,
    no computed field among them."""
    return can_create_rows(model, fnames) and not any(
        model._fields[fname].compute for fname in fnames
    )


def write_rows(records, vals_list):
    """``record.write(vals)`` for each record of ``records`` and its values in
    ``vals_list`` (all giving the same fields), as Odoo's ``BaseModel.write``
    does it, in one UPDATE for all of them (see ``can_write_rows``): the values
    and the writer and date of the change; what depends on the fields written is
    marked to compute, as ``write`` does; the Python constraints on them are
    checked. The caller decides that no override of ``write`` is due
    (``foreign_overrides``)."""
    if not records:
        return
    model = records.browse()
    fnames = list(vals_list[0])
    if not can_write_rows(model, fnames) or any(
        vals.keys() != vals_list[0].keys() for vals in vals_list
    ):
        raise ValueError(f"write_rows cannot write {fnames} of {model._name}")
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
        and field.name not in ("id", "parent_path", *models.LOG_ACCESS_COLUMNS)
    ]


def _after_insert(records, written, vals_list, defaults, empty=()):
    """What ``create`` does after its INSERT, for ``records`` whose rows got
    the values of ``written`` fields; ``empty``: the fields ``create`` left
    empty, which it puts in cache as such (a later ``write`` of an empty value
    on them then writes nothing: the column stays NULL, as in Odoo)."""
    model, env = records.browse(), records.env
    for field in empty:
        env.cache.update(
            records, field, [field.convert_to_cache(None, model)] * len(records)
        )
    for fname in written:
        field = model._fields[fname]
        if field.type == "many2one" and model.pool.field_inverses[field]:
            targets = {vals.get(fname, defaults.get(fname)) for vals in vals_list}
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
        if model._fields[fname].compute
        and (not model._fields[fname].readonly or model._fields[fname].precompute)
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
