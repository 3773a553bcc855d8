"""aduan server: the HTTPS service officers' desktops talk to; the only place that holds their data's keys."""
