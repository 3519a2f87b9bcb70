"""Import from and export to Excel, and the officers' lists (registry data going in and out)."""
