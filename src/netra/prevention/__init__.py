"""Prevention: socialisation events, neutrality pledges and their coverage of the workforce."""
