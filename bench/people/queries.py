"""The SQL the server runs, copied from its debug log (LOG_LEVEL=debug, Fluent 4 / SQLiteKit / PostgresKit).

Captured on 2026-11-25 from `opora serve` (SQLite and PostgreSQL) with the demo case worker
(scope: one provider) and the demo director (scope: one municipality); the ЕГН search, the people
columns, the assessment columns and the dashboard's first statement captured again on 2026-12-01
(SQLite) after identifier hashes came to name the provider and the phone, the target groups and the
assessment totals were sealed or dropped:

  GET /api/v1/people?q=<fragment>  -> page of 51 + count of up to 1,001 ids (PeopleSearch); across a
                                      region on SQLite first the FTS5 trigram probe
  GET /api/v1/people?q=<10 digits> -> for a municipality or oblast scope first the ids of the providers
                                      in it (a scoped provider query); then page of 51 + up to 1,001
                                      ids on identifier_hash IN (one egn and one lnch hash for every
                                      provider the scope reaches: 2 for a case worker, 2 k for k providers)
  GET /api/v1/people/{id}          -> one SELECT ... LIMIT 1, then the audit append transaction

  GET /api/v1/dashboard            -> the worker's open cases with their people (up to 200) through the
                                      case scope, the plan versions and the assessments of the active
                                      ones, the referrals waiting for an answer in the scope (Dashboard.build)
"""
import re

PEOPLE_COLS = (
    '"people"."id" AS "people_id", "people"."created_at" AS "people_created_at", "people"."updated_at" AS "people_updated_at", '
    '"people"."version" AS "people_version", "people"."given_name" AS "people_given_name", "people"."middle_name" AS "people_middle_name", '
    '"people"."family_name" AS "people_family_name", "people"."name_latin" AS "people_name_latin", "people"."search_text" AS "people_search_text", '
    '"people"."sort_key" AS "people_sort_key", "people"."identifier_type" AS "people_identifier_type", '
    '"people"."identifier_sealed" AS "people_identifier_sealed", "people"."identifier_hash" AS "people_identifier_hash", '
    '"people"."birth_date" AS "people_birth_date", "people"."sex" AS "people_sex", "people"."settlement_ekatte" AS "people_settlement_ekatte", '
    '"people"."municipality_code" AS "people_municipality_code", "people"."oblast_code" AS "people_oblast_code", '
    '"people"."address_sealed" AS "people_address_sealed", "people"."phone" AS "people_phone", "people"."target_groups" AS "people_target_groups", '
    '"people"."target_group_evidence_sealed" AS "people_target_group_evidence_sealed", "people"."health_sealed" AS "people_health_sealed", '
    '"people"."provider_id" AS "people_provider_id", "people"."anonymised" AS "people_anonymised"'
)
PAGE_TAIL = ' ORDER BY "people"."sort_key" ASC, "people"."id" ASC LIMIT 50 OFFSET 0'

AUDIT_LAST = (
    'SELECT "audit_events"."id" AS "audit_events_id", "audit_events"."seq" AS "audit_events_seq", "audit_events"."at" AS "audit_events_at", '
    '"audit_events"."actor_id" AS "audit_events_actor_id", "audit_events"."actor_name" AS "audit_events_actor_name", '
    '"audit_events"."action" AS "audit_events_action", "audit_events"."record_type" AS "audit_events_record_type", '
    '"audit_events"."record_id" AS "audit_events_record_id", "audit_events"."changes" AS "audit_events_changes", '
    '"audit_events"."address" AS "audit_events_address", "audit_events"."prev_hash" AS "audit_events_prev_hash", '
    '"audit_events"."hash" AS "audit_events_hash" FROM "audit_events" ORDER BY "audit_events"."seq" DESC LIMIT 1'
)
AUDIT_INSERT_SQLITE = (
    'INSERT INTO "audit_events" ("id", "seq", "at", "actor_id", "actor_name", "action", "record_type", "record_id", "changes", '
    '"address", "prev_hash", "hash") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING "id"'
)
AUDIT_LOCK_PG = "SELECT pg_advisory_xact_lock(7209031)"

# --- scope filters exactly as AccessScope.restrict renders them -----------------------------------
SCOPE = {
    "provider": {"sqlite": '("people"."provider_id" IN (?1))', "pg": '("people"."provider_id" IN ($1))'},
    "municipality": {"sqlite": '("people"."municipality_code" IN (?1))', "pg": '("people"."municipality_code" IN ($1))'},
    "oblast": {"sqlite": '("people"."oblast_code" IN (?1))', "pg": '("people"."oblast_code" IN ($1))'},
}


def _where(db, scope, tail):
    return f' FROM "people" WHERE {SCOPE[scope][db]} AND "people"."anonymised" = {"?2" if db == "sqlite" else "$2"} AND {tail}'


def name_search(db, scope, narrowed=0):
    """PeopleSearch: each word as `search_text LIKE '%w%'`, the page (50 + 1 rows, to know whether a next
    page exists) and the count of up to 1,001 ids. narrowed (region-wide searches on SQLite): the rowids
    found first in the FTS5 trigram table, written in the statement."""
    tail = '"people"."search_text" LIKE ?3' if db == "sqlite" else '"people"."search_text" LIKE $3'
    if narrowed:
        tail += " AND people.rowid IN (" + ",".join(narrowed) + ")"
    where = _where(db, scope, tail)
    return [f"SELECT {PEOPLE_COLS}{where}{PAGE_TAIL.replace('LIMIT 50', 'LIMIT 51')}",
            f'SELECT "people"."id" AS "people_id"{where} LIMIT 1001']


# PeopleSearch.indexMatches: the probe of the FTS5 trigram table (region-wide searches on SQLite)
PROBE_SQLITE = "SELECT rowid AS id FROM people_fts WHERE people_fts MATCH ?1 LIMIT 2001"


def trigram_subquery_search(db, scope):
    """The previous server path, kept as the baseline: the whole trigram match list as a subquery
    (SQLite FTS5; on PostgreSQL the same LIKE, which pg_trgm serves), with an exact COUNT and a page of 50."""
    if db == "sqlite":
        tail = "people.rowid IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ?3)"
    else:
        tail = '"people"."search_text" LIKE $3'
    where = _where(db, scope, tail)
    return [f'SELECT COUNT("people"."id") AS "aggregate"{where}', f"SELECT {PEOPLE_COLS}{where}{PAGE_TAIL}"]


# PeopleStore.providerIDs: for a municipality or oblast scope, the providers in it (ProviderStore.query)
PROVIDERS_IN_SCOPE = {
    "municipality": 'SELECT "providers"."id" AS "providers_id" FROM "providers" WHERE ("providers"."municipality_code" IN (?1))',
    "oblast": 'SELECT "providers"."id" AS "providers_id" FROM "providers" WHERE ("providers"."oblast_code" IN (?1))',
}


def egn_search(db, scope="provider", providers=1):
    """PeopleStore.search for 10 digits: one egn and one lnch hash for each of the `providers` the scope
    reaches (the hashes name the provider), then PeopleSearch's page of 51 and count of up to 1,001 ids."""
    mark = "?" if db == "sqlite" else "$"
    marks = ",".join(f"{mark}{i}" for i in range(3, 3 + 2 * providers))
    where = _where(db, scope, f'"people"."identifier_hash" IN ({marks})')
    return [f"SELECT {PEOPLE_COLS}{where}{PAGE_TAIL.replace('LIMIT 50', 'LIMIT 51')}",
            f'SELECT "people"."id" AS "people_id"{where} LIMIT 1001']


def open_person(db, scope="provider"):
    tail = '"people"."id" = ?3 LIMIT 1' if db == "sqlite" else '"people"."id" = $3 LIMIT 1'
    return f"SELECT {PEOPLE_COLS}{_where(db, scope, tail)}"


# --- dashboard (Dashboard.build): four statements; the second and third bind the ids the first returned --
# the first goes through the case scope (CaseStore.query), then filters by the case worker
CASE_SCOPE = {
    "provider": '("cases"."provider_id" IN (?1))',
    "municipality": '("cases"."municipality_code" IN (?1))',
    "oblast": '("cases"."oblast_code" IN (?1))',
}
_DASHBOARD_MY_CASES = (
    'SELECT "cases"."id" AS "cases_id", "cases"."created_at" AS "cases_created_at", '
    '"cases"."updated_at" AS "cases_updated_at", "cases"."version" AS "cases_version", '
    '"cases"."person_id" AS "cases_person_id", "cases"."provider_id" AS "cases_provider_id", '
    '"cases"."municipality_code" AS "cases_municipality_code", "cases"."oblast_code" AS "cases_oblast_code", '
    '"cases"."case_worker_id" AS "cases_case_worker_id", "cases"."state" AS "cases_state", '
    '"cases"."referral_source" AS "cases_referral_source", "cases"."legal_basis" AS "cases_legal_basis", '
    '"cases"."request_sealed" AS "cases_request_sealed", "cases"."opened_on" AS "cases_opened_on", '
    '"cases"."plan_number" AS "cases_plan_number", "people"."id" AS "people_id", '
    '"people"."created_at" AS "people_created_at", "people"."updated_at" AS "people_updated_at", '
    '"people"."version" AS "people_version", "people"."given_name" AS "people_given_name", '
    '"people"."middle_name" AS "people_middle_name", "people"."family_name" AS "people_family_name", '
    '"people"."name_latin" AS "people_name_latin", "people"."search_text" AS "people_search_text", '
    '"people"."sort_key" AS "people_sort_key", "people"."identifier_type" AS "people_identifier_type", '
    '"people"."identifier_sealed" AS "people_identifier_sealed", '
    '"people"."identifier_hash" AS "people_identifier_hash", "people"."birth_date" AS "people_birth_date", '
    '"people"."sex" AS "people_sex", "people"."settlement_ekatte" AS "people_settlement_ekatte", '
    '"people"."municipality_code" AS "people_municipality_code", "people"."oblast_code" AS "people_oblast_code", '
    '"people"."address_sealed" AS "people_address_sealed", "people"."phone" AS "people_phone", '
    '"people"."target_groups" AS "people_target_groups", '
    '"people"."target_group_evidence_sealed" AS "people_target_group_evidence_sealed", '
    '"people"."health_sealed" AS "people_health_sealed", "people"."provider_id" AS "people_provider_id", '
    '"people"."anonymised" AS "people_anonymised" FROM "cases" INNER JOIN "people" ON "cases"."person_id" = "people"."id" WHERE {scope} AND "cases"."case_worker_id" = ?2 AND "cases"."state" IN (\'request\',\'assessment\',\'plan\',\'active\',\'review\',\'suspended\') ORDER BY "people"."sort_key" ASC LIMIT 200'
)


def dashboard_my_cases(scope="provider"):
    """The worker's open cases with their people: ?1 the scope (the provider for a case worker), ?2 the worker."""
    return _DASHBOARD_MY_CASES.format(scope=CASE_SCOPE[scope])


DASHBOARD_MY_CASES = dashboard_my_cases("provider")
DASHBOARD_PLANS_COLS = (
    '"support_plans"."id" AS "support_plans_id", "support_plans"."case_id" AS "support_plans_case_id", '
    '"support_plans"."number" AS "support_plans_number", '
    '"support_plans"."plan_sealed" AS "support_plans_plan_sealed", '
    '"support_plans"."review_date" AS "support_plans_review_date", '
    '"support_plans"."created_by" AS "support_plans_created_by", '
    '"support_plans"."created_at" AS "support_plans_created_at"'
)
DASHBOARD_ASSESSMENTS_COLS = (
    '"assessments"."id" AS "assessments_id", "assessments"."case_id" AS "assessments_case_id", '
    '"assessments"."person_id" AS "assessments_person_id", '
    '"assessments"."content_sealed" AS "assessments_content_sealed", '
    '"assessments"."dependence_degree" AS "assessments_dependence_degree", '
    '"assessments"."signed_on" AS "assessments_signed_on", "assessments"."signed_by" AS "assessments_signed_by", '
    '"assessments"."created_at" AS "assessments_created_at"'
)
DASHBOARD_REFERRALS = (
    'SELECT "referrals"."id" AS "referrals_id", "referrals"."version" AS "referrals_version", '
    '"referrals"."case_id" AS "referrals_case_id", "referrals"."from_provider_id" AS "referrals_from_provider_id", '
    '"referrals"."to_provider_id" AS "referrals_to_provider_id", '
    '"referrals"."to_service_id" AS "referrals_to_service_id", '
    '"referrals"."outside_service" AS "referrals_outside_service", '
    '"referrals"."to_municipality_code" AS "referrals_to_municipality_code", '
    '"referrals"."to_oblast_code" AS "referrals_to_oblast_code", "referrals"."status" AS "referrals_status", '
    '"referrals"."decline_reason" AS "referrals_decline_reason", '
    '"referrals"."shared_sealed" AS "referrals_shared_sealed", "referrals"."sent_at" AS "referrals_sent_at", '
    '"referrals"."decided_at" AS "referrals_decided_at", "cases"."id" AS "cases_id", '
    '"cases"."created_at" AS "cases_created_at", "cases"."updated_at" AS "cases_updated_at", '
    '"cases"."version" AS "cases_version", "cases"."person_id" AS "cases_person_id", '
    '"cases"."provider_id" AS "cases_provider_id", "cases"."municipality_code" AS "cases_municipality_code", '
    '"cases"."oblast_code" AS "cases_oblast_code", "cases"."case_worker_id" AS "cases_case_worker_id", '
    '"cases"."state" AS "cases_state", "cases"."referral_source" AS "cases_referral_source", '
    '"cases"."legal_basis" AS "cases_legal_basis", "cases"."request_sealed" AS "cases_request_sealed", '
    '"cases"."opened_on" AS "cases_opened_on", '
    '"cases"."plan_number" AS "cases_plan_number" FROM "referrals" INNER JOIN "cases" ON "referrals"."case_id" = "cases"."id" WHERE ("referrals"."from_provider_id" IN (?1) OR "referrals"."to_provider_id" IN (?2)) AND "referrals"."status" = \'sent\' AND "referrals"."to_provider_id" IS NOT NULL ORDER BY "referrals"."sent_at" DESC LIMIT 50'
)


def dashboard_plans(n):
    """The worker's active cases' plan versions with a review date on or before ?n+1."""
    marks = ",".join(f"?{i + 1}" for i in range(n))
    return f'SELECT {DASHBOARD_PLANS_COLS} FROM "support_plans" WHERE "support_plans"."case_id" IN ({marks}) AND "support_plans"."review_date" <= ?{n + 1}'


def dashboard_assessments(n):
    """Assessments of the active cases' people signed after ?n+1 (within the last year)."""
    marks = ",".join(f"?{i + 1}" for i in range(n))
    return f'SELECT {DASHBOARD_ASSESSMENTS_COLS} FROM "assessments" WHERE "assessments"."person_id" IN ({marks}) AND "assessments"."signed_on" > ?{n + 1}'


def column(sql, alias):
    """Position of `alias` in a statement's select list (the rows are plain tuples)."""
    return re.findall(r'AS "([a-z_]+)"', sql.split(" FROM ", 1)[0]).index(alias)


def to_pg(sql):
    """?n -> $n."""
    return re.sub(r"\?(\d+)", r"$\1", sql)


AUDIT_INSERT_PG = to_pg(AUDIT_INSERT_SQLITE)
