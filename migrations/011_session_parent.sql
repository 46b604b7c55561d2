-- Sessions that coordinate (issue 14): who spawned a session, and whose worktree it shares.
-- parent_id: the session that ran `flotilla spawn` (NULL: started by a person). Not a foreign key: a child
-- outlives its parent's record (the parent may be removed while its workers still run).
ALTER TABLE sessions ADD COLUMN parent_id TEXT;
-- The session whose worktree and branch this one works in (spawned with --same-worktree; NULL: its own).
ALTER TABLE sessions ADD COLUMN shares_worktree_of TEXT;
CREATE INDEX sessions_parent ON sessions(parent_id) WHERE parent_id IS NOT NULL;
-- Sessions in one worktree work on its one branch: a branch is unique among the sessions that own their worktree.
DROP INDEX sessions_branch;
CREATE UNIQUE INDEX sessions_branch ON sessions(repo_path, branch) WHERE shares_worktree_of IS NULL;
