from ns import missing
