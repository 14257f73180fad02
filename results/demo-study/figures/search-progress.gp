# cd to this folder, then: gnuplot search-progress.gp
set terminal svg size 331,238 dynamic font 'Helvetica,8'
set output 'search-progress.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics lc rgb 'gray80'
set title 'Search progress' noenhanced
set xlabel 'generation' noenhanced
set ylabel 'fitness (V1 accuracy; over-budget candidates scaled below chance)' noenhanced
set yrange [0:*]
set xrange [0.8:6.2]
set key below height 1
set xtics nomirror (1, 2, 5)
plot 'search-progress.dat' using 1:2 with linespoints lw 1.5 ps 0.8 lc rgb '#000000' dt 1 pt 7 title 'best' noenhanced, \
     '' using 1:3 with linespoints lw 1.5 ps 0.8 lc rgb '#0072B2' dt 2 pt 5 title 'mean' noenhanced
set terminal pngcairo size 1035,745 font 'Helvetica,8' fontscale 3.125 linewidth 3.125
set output 'search-progress.png'
replot
set terminal pdfcairo size 3.45in,2.48in font 'Helvetica,8' linewidth 1
set output 'search-progress.pdf'
replot
unset output
