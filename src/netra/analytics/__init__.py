"""Statistics, dashboards, maps, the Indeks Kerawanan Netralitas ASN, exports and open data."""
