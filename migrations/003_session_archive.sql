-- Intentionally empty. This number was reserved for a session archive during parallel work that did not
-- land; databases already past version 3 never re-run it, so any later schema change takes the next free
-- number instead of filling this file in.
SELECT 1;
