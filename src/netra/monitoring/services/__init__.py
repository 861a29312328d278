"""The only code that writes monitoring rows; each write records an audit event."""
