"""The error answers the OpenAPI schema documents for every operation (``netra.api.NetraAPI``)."""

# The error answers every operation may give, with the shape of netra.api's handlers. ninja documents
# only the codes a handler declares; schemathesis (tests/cases/test_openapi_fuzz.py) holds the schema
# to every answer, so the codes that come from the framework are documented here.
ERROR_SCHEMA = {
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
}
FRAMEWORK_ERRORS = {
    "400": "A value refused before any query (a NUL character) or one the database cannot hold",
    "401": "Missing or invalid credentials (staff endpoints: Bearer token or a signed-in session)",
    "403": "Refused: the caller's role may not do this, or a session request came without its CSRF token",
    "404": "Unknown, or outside the caller's jurisdiction",
    "422": "A parameter or the body does not match the schema (bounds, characters, types)",
    "503": "The database is unreachable; retry after the Retry-After header's seconds",
}


UNSAFE_METHODS = {"post", "put", "patch", "delete"}


def _error_response(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ERROR_SCHEMA}}}


def document_framework_errors(schema: dict) -> dict:
    """Add to each operation the error codes it can answer without declaring them."""
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            wanted = ["503"]
            if operation.get("parameters") or operation.get("requestBody"):
                wanted += ["400", "422"]
            if operation.get("security"):
                wanted.append("401")
                if method.lower() in UNSAFE_METHODS:  # ninja's session auth checks CSRF before the session
                    wanted.append("403")
            if "{" in path:
                wanted.append("404")
            declared = {str(code) for code in responses}  # ninja keys them by int: never add a twin
            for code in wanted:
                if code not in declared:
                    responses[code] = _error_response(FRAMEWORK_ERRORS[code])
    return schema
