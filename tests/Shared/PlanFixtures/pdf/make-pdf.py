#!/usr/bin/env python3
"""Writes a plan text as HTML laid out like an official document (A4, justified, first lines indented 2em), for
Chromium to print as a text PDF. How the PDFs here were made (README.md of the folder above):

  python3 make-pdf.py ../district-draft-title-two-lines.txt 15 2 > /tmp/plan.html
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf=district-draft-title-two-lines.pdf /tmp/plan.html
  sed -n '135,205p' ../../../../seeds/education-plans-2024-2035.txt > /tmp/cq.txt
  python3 make-pdf.py /tmp/cq.txt 12 0 > /tmp/plan.html   (then print as seed-chongqing.pdf)

Arguments: the text file, the font size in points, how many leading lines are a centred title.
"""
import html, sys

src, size, title_lines = sys.argv[1], sys.argv[2], int(sys.argv[3])
body = []
for i, line in enumerate(open(src, encoding='utf-8').read().split('\n')):
    if not line.strip():
        continue
    if '\t' in line:
        body.append('<table><tr>' + ''.join(f'<td>{html.escape(c)}</td>' for c in line.split('\t')) + '</tr></table>')
        continue
    body.append(f'<p class="{"title" if i < title_lines else "p"}">{html.escape(line.strip())}</p>')
print(f'''<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 25mm 26mm; }}
body {{ font-family: "WenQuanYi Micro Hei", sans-serif; font-size: {size}pt; line-height: 1.6; }}
p {{ margin: 0; text-align: justify; text-indent: 2em; }}
p.title {{ text-align: center; text-indent: 0; font-size: 20pt; }}
</style></head><body>{''.join(body)}</body></html>''')
