# cd to this folder, then: gnuplot factor-sweep.gp
set terminal svg size 960,520 dynamic font 'Helvetica,12'
set output 'factor-sweep.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics
set title 'Total energy per inference at the best partition point' noenhanced
set xlabel 'fog energy-efficiency factor' noenhanced
set ylabel 'total energy per inference (mJ)' noenhanced
set yrange [0:*]
set logscale x
set key outside right top
set xtics nomirror (1)
plot 'factor-sweep.dat' using 1:2 with linespoints lw 2 pt 5 title 'VGG11-1D' noenhanced, \
     '' using 1:3 with linespoints lw 2 pt 7 title 'SD-1' noenhanced, \
     '' using 1:4 with linespoints lw 2 pt 9 title 'AC-1' noenhanced
set terminal pngcairo size 960,520 font 'Helvetica,11'
set output 'factor-sweep.png'
replot
set terminal pdfcairo size 6in,3.25in font 'Helvetica,10'
set output 'factor-sweep.pdf'
replot
unset output
