# Nothing is loaded with the module: a test loads ``models`` itself.
