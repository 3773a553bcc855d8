"""The Administration window and its pages (units, officers, calendars, service levels, channel accounts,
SP4N-LAPOR!): the server's commands from the app, for admins and, where the rules allow, supervisors."""
