-- Booking a pace slot in one statement (domain/delivery/pace.ts). The worker picks the moment from
-- the send logs as it last saw them; this function books it only if it still fits every window of
-- every key as the logs are now (other instances may have booked meanwhile), and returns the
-- logs either way, so a worker whose moment was taken picks again from what is true. The row
-- locks last for this statement only, not for a round trip to Node and back.

-- Would one more send at p_at keep at most p_max sends in every span of p_span ms? The log is
-- valid already, so only groups of p_max + 1 consecutive sends that include p_at can break it
-- (the same rule as `fits` in domain/delivery/limits.ts).
CREATE FUNCTION arkivlos_pace_fits(p_log bigint[], p_at bigint, p_span bigint, p_max integer)
RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  merged bigint[] := ARRAY(SELECT x FROM unnest(p_log || p_at) AS x ORDER BY x);
  place integer := array_position(merged, p_at);
  n integer := cardinality(merged);
BEGIN
  FOR i IN greatest(1, place - p_max) .. place LOOP
    IF i + p_max <= n AND merged[i + p_max] - merged[i] < p_span THEN
      RETURN false;
    END IF;
  END LOOP;
  RETURN true;
END
$$;

-- p_windows: {"<key>": [[span_ms, max], …]}; p_at: the moment to book (epoch ms; NULL only reads);
-- p_remove: a moment this caller booked before and gives up (a confirmation moves it to p_at).
-- With a claim (the confirmation right before a call to Teams) it also renews the message's
-- lease, and books nothing when this instance no longer holds the message.
CREATE FUNCTION arkivlos_pace_book(p_keys text[], p_windows jsonb, p_at bigint, p_remove bigint,
                                   p_claim_id bigint, p_instance text, p_lease_ms integer)
RETURNS TABLE (key text, sends bigint[], blocked_until_ms bigint, booked boolean, held boolean, now_ms bigint)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  holds boolean := true;
  fits boolean := p_at IS NOT NULL;
  now_ms bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
  seen record;
  log bigint[];
  win jsonb;
  logs jsonb := '{}';
BEGIN
  IF p_claim_id IS NOT NULL THEN
    UPDATE outbox_message SET locked_until = now() + p_lease_ms * interval '1 millisecond', updated_at = now()
     WHERE id = p_claim_id AND locked_by = p_instance AND state = 'sending' AND locked_until > now();
    holds := FOUND;
    fits := fits AND holds;
  END IF;
  INSERT INTO delivery_pace (key) SELECT unnest(p_keys) ON CONFLICT (key) DO NOTHING;
  FOR seen IN
    SELECT d.key, d.sends, (extract(epoch FROM d.blocked_until) * 1000)::bigint AS blocked_ms
      FROM delivery_pace d WHERE d.key = ANY(p_keys) ORDER BY d.key FOR UPDATE
  LOOP
    log := seen.sends;
    IF p_remove IS NOT NULL AND array_position(log, p_remove) IS NOT NULL THEN
      log := log[1 : array_position(log, p_remove) - 1] || log[array_position(log, p_remove) + 1 :];
    END IF;
    IF fits AND seen.blocked_ms IS NOT NULL AND p_at < seen.blocked_ms THEN
      fits := false;
    END IF;
    IF fits THEN
      FOR win IN SELECT jsonb_array_elements(p_windows -> seen.key) LOOP
        IF NOT arkivlos_pace_fits(log, p_at, (win ->> 0)::bigint, (win ->> 1)::integer) THEN
          fits := false;
          EXIT;
        END IF;
      END LOOP;
    END IF;
    logs := logs || jsonb_build_object(seen.key, to_jsonb(log));
  END LOOP;
  IF fits THEN
    -- Book, and forget what no window of the key can see any more.
    UPDATE delivery_pace d
       SET sends = ARRAY(
             SELECT x FROM unnest(ARRAY(SELECT jsonb_array_elements_text(logs -> d.key)::bigint) || p_at) AS x
              WHERE x > now_ms - (SELECT max((w ->> 0)::bigint) FROM jsonb_array_elements(p_windows -> d.key) AS w)
              ORDER BY x)
     WHERE d.key = ANY(p_keys);
  END IF;
  RETURN QUERY
    SELECT d.key, d.sends, (extract(epoch FROM d.blocked_until) * 1000)::bigint, fits, holds, now_ms
      FROM delivery_pace d WHERE d.key = ANY(p_keys);
END
$$;
