from netra.audit.services import event_record


def audit(*, user, action: str, obj_type: str, obj_id, data: dict) -> None:
    """One audit event for an analytics write or export (inside the caller's transaction)."""
    office = getattr(user, "office", None)
    event_record(
        actor=user.get_username() if user is not None else "system",
        action=action,
        obj_type=obj_type,
        obj_id=obj_id,
        data=data,
        office_code=office.region_code if office is not None else "",
    )
