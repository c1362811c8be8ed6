"""`proagent review`: a local page where a person checks the labels of a clean store (source ``human``)."""
