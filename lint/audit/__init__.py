"""Archive audits: ``newslint audit`` and its report (docs/audit.md)."""
