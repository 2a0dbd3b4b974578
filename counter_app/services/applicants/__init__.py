"""The applicant: checks of the identity fields, and the chip ID card's QR code."""
