// Parent side of the embed protocol (docs/embedding.md). The simulator is served from this page's own origin
// here, so both sides name this origin; on a docs site, use the simulator's origin instead.
(function () {
  'use strict';
  var PROTOCOL = 'passthrough-lab/1';
  var SIM_ORIGIN = window.location.origin;
  var frames = Array.prototype.slice.call(document.querySelectorAll('iframe[data-passthrough-lab]'));
  var status = document.getElementById('status');

  // Tell each simulator where to send its announcements (never '*').
  if (SIM_ORIGIN !== 'null') {
    frames.forEach(function (frame) {
      var url = new URL(frame.getAttribute('src'), window.location.href);
      url.searchParams.set('parentOrigin', SIM_ORIGIN);
      frame.src = url.href;
    });
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== SIM_ORIGIN) return;
    var msg = event.data;
    if (!msg || typeof msg !== 'object' || msg.protocol !== PROTOCOL) return;
    var frame = frames.filter(function (f) { return f.contentWindow === event.source; })[0];
    if (!frame) return;
    if (msg.type === 'resize' && typeof msg.height === 'number' && msg.height > 0 && msg.height < 20000) {
      frame.style.height = Math.ceil(msg.height) + 'px';
    }
    if (msg.type === 'ready' || msg.type === 'step' || msg.type === 'mode') {
      frame.setAttribute('data-last', msg.type);
      if (frame.id === 'sim-a') {
        status.textContent = 'First simulator: ' + msg.type + (msg.mode ? ', mode ' + msg.mode : '') + (msg.tlsVersion ? ', ' + msg.tlsVersion : '') +
          (typeof msg.step === 'number' ? ', step ' + (msg.step + 1) + ' of ' + msg.steps : '');
      }
    }
  });

  document.querySelectorAll('button[data-command]').forEach(function (button) {
    button.addEventListener('click', function () {
      var message = { protocol: PROTOCOL, type: button.getAttribute('data-command') };
      if (button.hasAttribute('data-mode')) message.mode = button.getAttribute('data-mode');
      if (button.hasAttribute('data-version')) message.version = button.getAttribute('data-version');
      frames[0].contentWindow.postMessage(message, SIM_ORIGIN);
    });
  });
})();
