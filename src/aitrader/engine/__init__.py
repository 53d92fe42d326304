"""The kernel: wires feed → features → strategy → risk gate → order manager → broker → portfolio → journal."""
