"""A real Tk window for recorder tests: `python tk_window.py TITLE [CLASS] [GEOMETRY]`, prints 'ready'."""

import sys
import tkinter as tk

title = sys.argv[1]
class_name = sys.argv[2] if len(sys.argv) > 2 else "Tk"
geometry = sys.argv[3] if len(sys.argv) > 3 else "640x400+80+80"
root = tk.Tk(className=class_name)
root.title(title)
root.geometry(geometry)
text = tk.Text(root, font=("DejaVu Sans Mono", 14))
text.pack(fill="both", expand=True)
text.focus_set()
root.update()
print("ready", flush=True)
root.mainloop()
