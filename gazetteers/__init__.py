"""The bundled gazetteers, shipped as package data (read by ``extract.resources``)."""
