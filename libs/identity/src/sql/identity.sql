-- Who is acting, for many requests at once. This file is the one source of the function: `runMigrations` installs it
-- (again) whenever it changes (see libs/database/src/sql-sources.ts). The type it takes (identity_session_key) is made
-- by a migration.
--
-- Every request checks its session (so signing out, disabling and erasure end access at once), and the API asks for
-- all the requests that arrived together in one call (ActorService → SessionsRepository.actors). A function, so the
-- query is planned once per connection (with an array parameter PostgreSQL would plan it again on every call, which
-- cost more than running it) and always by index. A session that is revoked, expired, not the member's, or whose
-- member is not active yields no row.
CREATE OR REPLACE FUNCTION identity_actors(sessions identity_session_key[])
RETURNS TABLE (session_id uuid, member_id uuid, school_id uuid, area_id uuid, member_kind text, grants json)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    SELECT s.id, m.id, m.school_id, sc.area_id, m.member_kind,
           coalesce((SELECT json_agg(json_build_object('role', g.role, 'scopeType', g.scope_type, 'scopeId', g.scope_id)
                                     ORDER BY g.granted_at)
                     FROM role_grant g WHERE g.member_id = m.id AND g.revoked_at IS NULL), '[]')
    FROM unnest(sessions) AS asked(member_id, session_id)
    JOIN auth_session s ON s.id = asked.session_id AND s.member_id = asked.member_id
    JOIN member m ON m.id = s.member_id
    LEFT JOIN school sc ON sc.id = m.school_id
    WHERE s.revoked_at IS NULL AND s.expires_at > now() AND m.status = 'active';
END $$;
