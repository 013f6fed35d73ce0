/*
 * Embeds the CNED complaints assistant in another site as an iframe of this server's chat page.
 *   <script src="https://<this server>/embed.js" data-target="chat-box" data-lang="fr" defer></script>
 * data-target: id of an element to fill (inline mode); without it, a button opens the chat in a corner panel.
 * data-lang: fr or en (default: the visitor's browser preference). data-height: inline height (default 600px).
 * The host origin must be listed in the server's EMBED_ORIGINS (CSP frame-ancestors).
 */
(function () {
  'use strict';

  var TEXTS = "{{texts}}";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src).origin;
  var lang = script.getAttribute('data-lang');
  if (lang !== 'fr' && lang !== 'en') lang = '';
  var texts = TEXTS[lang || ((navigator.language || '').toLowerCase().slice(0, 2) === 'en' ? 'en' : 'fr')];

  function createFrame() {
    var frame = document.createElement('iframe');
    frame.src = origin + '/?embed=1' + (lang ? '&lang=' + lang : '');
    frame.title = texts.title;
    frame.setAttribute('allow', '');
    frame.style.border = '0';
    frame.style.width = '100%';
    frame.style.height = '100%';
    frame.style.display = 'block';
    return frame;
  }

  function inline(target) {
    var frame = createFrame();
    frame.style.height = script.getAttribute('data-height') || '600px';
    target.appendChild(frame);
  }

  function launcher() {
    var panelId = 'cned-guide-panel';
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = texts.open;
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', panelId);
    var s = button.style;
    s.position = 'fixed';
    s.right = '1rem';
    s.bottom = '1rem';
    s.zIndex = '2147483000';
    s.padding = '0.75rem 1rem';
    s.font = 'inherit';
    s.fontWeight = '600';
    s.color = '#ffffff';
    s.background = '#0a4b8c';
    s.border = '2px solid #ffffff';
    s.borderRadius = '2rem';
    s.boxShadow = '0 2px 6px rgba(0,0,0,0.3)';
    s.cursor = 'pointer';

    var panel = document.createElement('div');
    panel.id = panelId;
    panel.hidden = true;
    var p = panel.style;
    p.position = 'fixed';
    p.right = '1rem';
    p.bottom = '4.5rem';
    p.zIndex = '2147483000';
    p.width = 'min(26rem, calc(100vw - 2rem))';
    p.height = 'min(40rem, calc(100vh - 6rem))';
    p.background = '#ffffff';
    p.boxShadow = '0 4px 16px rgba(0,0,0,0.3)';
    p.borderRadius = '8px';
    p.overflow = 'hidden';

    button.addEventListener('click', function () {
      var open = panel.hidden;
      if (open && !panel.firstChild) panel.appendChild(createFrame());
      panel.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
      button.textContent = open ? texts.close : texts.open;
      if (open) panel.firstChild.focus();
    });
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && !panel.hidden) {
        button.click();
        button.focus();
      }
    });
    document.body.appendChild(panel);
    document.body.appendChild(button);
  }

  function mount() {
    var targetId = script.getAttribute('data-target');
    var target = targetId && document.getElementById(targetId);
    if (target) inline(target);
    else launcher();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
