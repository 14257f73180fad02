# cd to this folder, then: gnuplot energy-over-points-demo-study-search.gp
set terminal svg size 960,520 dynamic font 'Helvetica,12'
set output 'energy-over-points-demo-study-search.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics
set title 'demo-study-search: energy per inference per partition point (factor 10)' noenhanced
set xlabel 'partition point P (layers 1..P-1 on the wearable)' noenhanced
set ylabel 'energy per inference (mJ)' noenhanced
set yrange [0:*]
set key outside right top
set xtics nomirror (1, 2, 3, 4, 5, 6, 7, 8)
plot 'energy-over-points-demo-study-search.dat' using 1:2 with linespoints lw 2 pt 5 title 'wearable (compute + radio)' noenhanced, \
     '' using 1:3 with linespoints lw 2 pt 7 title 'total (with the fog)' noenhanced
set terminal pngcairo size 960,520 font 'Helvetica,11'
set output 'energy-over-points-demo-study-search.png'
replot
set terminal pdfcairo size 6in,3.25in font 'Helvetica,10'
set output 'energy-over-points-demo-study-search.pdf'
replot
unset output
