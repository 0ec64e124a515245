// crossings: marks the page as scripted, so the stylesheet shows the parts that need a script.
document.documentElement.classList.add('js');
