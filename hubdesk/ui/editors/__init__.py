"""Record editors: forms that show the service's validation messages next to each field."""
