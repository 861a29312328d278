"""Read-only admin views for operators: what was sent, the notice board, the scheduler's lease."""

from django.contrib import admin

from netra.notifications.models import Lease, Notification, StatusNotice


class ReadOnly(admin.ModelAdmin):
    """Rows are written by the services only; the admin shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnly):
    list_display = (
        "kind",
        "channel",
        "recipient",
        "case",
        "due",
        "created_at",
        "sent_at",
        "read_at",
        "failed",
    )
    list_filter = ("kind", "channel", "digest")
    search_fields = ("key",)
    raw_id_fields = ("recipient", "case")


@admin.register(StatusNotice)
class StatusNoticeAdmin(ReadOnly):
    list_display = ("reference", "status", "office", "published_at")
    list_filter = ("status",)


@admin.register(Lease)
class LeaseAdmin(ReadOnly):
    list_display = ("name", "holder", "expires_at", "last_tick_at")
