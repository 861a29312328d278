/* Solves the server's hashcash challenge when a public form was rate limited (netra.core.ratelimit):
 * finds a nonce whose SHA-256 of "<challenge>:<nonce>" starts with the required zero bits, fills
 * the hidden pow_nonce field and re-enables the form's submit buttons. Pure JavaScript SHA-256, so it
 * also works on plain http (crypto.subtle needs a secure context). Without JavaScript the page tells
 * the reporter how long to wait instead. */
(function () {
  "use strict";

  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];

  function utf8(text) {
    return Array.prototype.map.call(unescape(encodeURIComponent(text)), function (c) { return c.charCodeAt(0); });
  }

  /* SHA-256 of a byte array; returns the eight 32-bit words of the digest. */
  function sha256(bytes) {
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var length = bytes.length, data = bytes.slice(), w = new Array(64), i, j;
    data.push(0x80);
    while (data.length % 64 !== 56) { data.push(0); }
    for (i = 7; i >= 0; i--) { data.push(i >= 4 ? 0 : (length * 8 >>> (i * 8)) & 0xff); }
    for (i = 0; i < data.length; i += 64) {
      for (j = 0; j < 16; j++) {
        w[j] = (data[i + 4 * j] << 24) | (data[i + 4 * j + 1] << 16) | (data[i + 4 * j + 2] << 8) | data[i + 4 * j + 3];
      }
      for (j = 16; j < 64; j++) {
        var s0 = ror(w[j - 15], 7) ^ ror(w[j - 15], 18) ^ (w[j - 15] >>> 3);
        var s1 = ror(w[j - 2], 17) ^ ror(w[j - 2], 19) ^ (w[j - 2] >>> 10);
        w[j] = (w[j - 16] + s0 + w[j - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (j = 0; j < 64; j++) {
        var t1 = (k + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[j] + w[j]) | 0;
        var t2 = ((ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h = [h[0] + a, h[1] + b, h[2] + c, h[3] + d, h[4] + e, h[5] + f, h[6] + g, h[7] + k].map(function (x) { return x | 0; });
    }
    return h;
  }

  function ror(x, n) { return (x >>> n) | (x << (32 - n)); }

  function zeroBits(words) {
    var bits = 0;
    for (var i = 0; i < words.length; i++) {
      var word = words[i] >>> 0;
      if (word !== 0) { return bits + Math.clz32(word); }
      bits += 32;
    }
    return bits;
  }

  function solve(field) {
    var form = field.form, bits = parseInt(field.getAttribute("data-pow-bits"), 10) || 16;
    var nonceField = form.querySelector("[data-pow-nonce]"), status = document.querySelector("[data-pow-status]");
    var buttons = form.querySelectorAll('button[type="submit"]'), prefix = field.value + ":", nonce = 0;
    buttons.forEach(function (b) { b.disabled = true; });
    if (status) { status.textContent = status.getAttribute("data-pow-working"); }
    function batch() {
      for (var n = 0; n < 5000; n++, nonce++) {
        if (zeroBits(sha256(utf8(prefix + nonce))) >= bits) {
          nonceField.value = String(nonce);
          buttons.forEach(function (b) { b.disabled = false; });
          if (status) { status.textContent = status.getAttribute("data-pow-done"); }
          return;
        }
      }
      window.setTimeout(batch, 0);  /* keep the page responsive between batches */
    }
    batch();
  }

  window.netraPow = { sha256: sha256, zeroBits: zeroBits, utf8: utf8 };
  document.querySelectorAll("[data-pow-challenge]").forEach(solve);
})();
