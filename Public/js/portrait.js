// Shrinks the chosen photo on the phone before it is sent: a phone's photo is several megabytes,
// the page needs a face of a few hundred pixels. Drawing it on a canvas also leaves behind where
// and when it was taken. Without this script the form still works, for photos up to the limit.
(function () {
  "use strict";
  var input = document.querySelector("input[data-portrait-max]");
  if (!input || !window.createImageBitmap || !window.DataTransfer) return;
  var side = 480;
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    if (!file || !/^image\/(jpeg|png)$/.test(file.type)) return;
    createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) {
        if (!blob) return;
        var shrunk = new File([blob], "photo.jpg", { type: "image/jpeg" });
        var transfer = new DataTransfer();
        transfer.items.add(shrunk);
        input.files = transfer.files;
      }, "image/jpeg", 0.85);
    }).catch(function () { /* the server says what is wrong with the file */ });
  });
})();
