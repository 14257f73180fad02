# cd to this folder, then: gnuplot search-progress.gp
set terminal svg size 960,520 dynamic font 'Helvetica,12'
set output 'search-progress.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics
set title 'Search progress' noenhanced
set xlabel 'generation' noenhanced
set ylabel 'fitness (V1 accuracy; over-budget candidates scaled below chance)' noenhanced
set yrange [0:*]
set key outside right top
set xtics nomirror (1, 2, 3, 4, 5, 6)
plot 'search-progress.dat' using 1:2 with linespoints lw 2 pt 5 title 'best' noenhanced, \
     '' using 1:3 with linespoints lw 2 pt 7 title 'mean' noenhanced
set terminal pngcairo size 960,520 font 'Helvetica,11'
set output 'search-progress.png'
replot
set terminal pdfcairo size 6in,3.25in font 'Helvetica,10'
set output 'search-progress.pdf'
replot
unset output
