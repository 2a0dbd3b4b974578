"""JSON documents as the program reads them: bounded in size, parsed strictly (intake
documents and catalog files build on these)."""
