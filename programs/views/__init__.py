"""Pages of the plan, one module per part: plans, targets, tasks, events, forum, sites, training,
assessment. Each view: access through ``accounts.scope`` (404 outside scope, 403 without the right)
→ form or service → redirect by URL name."""
