"""Account pages: login (with the second factor), logout, 2FA, and "Akun saya"."""
