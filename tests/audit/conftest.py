import pytest

from netra.audit.checkpoints import signing_key_generate


@pytest.fixture
def checkpoint_keys(settings, tmp_path):
    """A fresh Ed25519 key and an empty checkpoint folder for this test only."""
    settings.NETRA_AUDIT_SIGNING_KEY_PATH = tmp_path / "keys" / "audit-signing.pem"
    settings.NETRA_AUDIT_PUBLIC_KEY_PATH = tmp_path / "keys" / "audit-signing.pub"
    settings.NETRA_AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    signing_key_generate()
    return tmp_path
