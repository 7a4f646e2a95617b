"""Front-ends: the terminal, shared panels and charts, the decision memo, and Slack. Each receives a
`Chat`."""
