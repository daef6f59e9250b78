export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** The common frame of every Profila mail (plain text and HTML). */
export function frame(title: string, paragraphs: string[], portalUrl: string): RenderedMail {
  const footer = 'Questa è una comunicazione automatica di Profila: non rispondere a questo indirizzo.';
  return {
    subject: title,
    text: `${paragraphs.join('\n\n')}\n\n${portalUrl}\n\n--\n${footer}\n`,
    html:
      `<!doctype html><html lang="it"><body style="font-family:'Titillium Web',Arial,sans-serif;color:#1a1a1a">` +
      `<h1 style="color:#0066cc;font-size:20px">${escapeHtml(title)}</h1>` +
      paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
      `<p><a href="${escapeHtml(portalUrl)}">${escapeHtml(portalUrl)}</a></p>` +
      `<hr><p style="font-size:12px;color:#5c6f82">${escapeHtml(footer)}</p></body></html>`,
  };
}
