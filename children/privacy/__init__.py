"""Personal data protection for the registry (Law 91/2025/QH15, Decree 356/2025/NĐ-CP): the purposes
for which the commune processes a child's data and their legal basis (rules as data), the consent of
the legal representative where consent is the basis, the representative's requests, and the pages
that show who opened a record (the access log itself is ``accounts.AccessLog``)."""
