"""Privacy: the rules for personal data, the scan of the sources and the firewall over every output file."""
