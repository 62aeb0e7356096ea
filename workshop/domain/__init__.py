"""Workshop rules in plain Python: no Flask, Socket.IO or SQLAlchemy here."""
