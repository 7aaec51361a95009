"""What is on the page: text layer or OCR, page quality, fields, MRZ, 2D-Doc.

Stages here are plain functions of bytes, images and page texts; they store
nothing and know nothing of rights or the database.
"""
