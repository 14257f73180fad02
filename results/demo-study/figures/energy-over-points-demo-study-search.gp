# cd to this folder, then: gnuplot energy-over-points-demo-study-search.gp
set terminal svg size 331,238 dynamic font 'Helvetica,8'
set output 'energy-over-points-demo-study-search.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics lc rgb 'gray80'
set title 'demo-study-search: energy per inference per partition point (factor 10)' noenhanced
set xlabel 'partition point P (layers 1..P-1 on the wearable)' noenhanced
set ylabel 'energy per inference (mJ)' noenhanced
set yrange [0:*]
set xrange [0.72:8.28]
set key below height 1
set xtics nomirror (1, 2, 5)
plot 'energy-over-points-demo-study-search.dat' using 1:2 with linespoints lw 1.5 ps 0.8 lc rgb '#000000' dt 1 pt 7 title 'wearable (compute + radio)' noenhanced, \
     '' using 1:3 with linespoints lw 1.5 ps 0.8 lc rgb '#0072B2' dt 2 pt 5 title 'total (with the fog)' noenhanced
set terminal pngcairo size 1035,745 font 'Helvetica,8' fontscale 3.125 linewidth 3.125
set output 'energy-over-points-demo-study-search.png'
replot
set terminal pdfcairo size 3.45in,2.48in font 'Helvetica,8' linewidth 1
set output 'energy-over-points-demo-study-search.pdf'
replot
unset output
